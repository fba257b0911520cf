;; dots.wat: dot products of 4 float32 queries with every row of a float32 matrix, WebAssembly
;; SIMD128 (standard SIMD only). Hand-written; compiled by scripts/train-build-wasm.ts into
;; dots-wasm.ts; driven by dots.ts, which owns the memory layout. Used to score analogy questions
;; and neighbours of freshly trained vectors (unit rows, so the dot products are cosines).
;;
;; dots4(q, rows, n, stride, out, outStride):
;;   for r < n, j < 4:  out[j * outStride + 4 r] = sum_i q_j[i] * row_r[i]
;; q: 4 queries of `stride` bytes one after another; rows: n rows of `stride` bytes (a multiple
;; of 16; padding lanes must be zero in the rows or the queries); out: f32. n >= 1.
;; Each row is loaded once for the 4 queries; the queries stay in cache.

(module
  (memory (export "memory") 1 65536)

  (func (export "dots4")
    (param $q i32) (param $rows i32) (param $n i32) (param $stride i32) (param $out i32) (param $outStride i32)
    (local $end i32) (local $k i32) (local $x v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $q1 i32) (local $q2 i32) (local $q3 i32)
    (local.set $q1 (i32.add (local.get $q) (local.get $stride)))
    (local.set $q2 (i32.add (local.get $q1) (local.get $stride)))
    (local.set $q3 (i32.add (local.get $q2) (local.get $stride)))
    (local.set $end (i32.add (local.get $rows) (i32.mul (local.get $n) (local.get $stride))))
    (loop $row
      (local.set $a0 (v128.const i32x4 0 0 0 0))
      (local.set $a1 (v128.const i32x4 0 0 0 0))
      (local.set $a2 (v128.const i32x4 0 0 0 0))
      (local.set $a3 (v128.const i32x4 0 0 0 0))
      (local.set $k (i32.const 0))
      (loop $step
        (local.set $x (v128.load (i32.add (local.get $rows) (local.get $k))))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $q) (local.get $k))))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $q1) (local.get $k))))))
        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $q2) (local.get $k))))))
        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $q3) (local.get $k))))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br_if $step (i32.lt_u (local.get $k) (local.get $stride))))
      (f32.store (local.get $out) (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $a0)) (f32x4.extract_lane 1 (local.get $a0)))
        (f32.add (f32x4.extract_lane 2 (local.get $a0)) (f32x4.extract_lane 3 (local.get $a0)))))
      (f32.store (i32.add (local.get $out) (local.get $outStride)) (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $a1)) (f32x4.extract_lane 1 (local.get $a1)))
        (f32.add (f32x4.extract_lane 2 (local.get $a1)) (f32x4.extract_lane 3 (local.get $a1)))))
      (f32.store (i32.add (local.get $out) (i32.shl (local.get $outStride) (i32.const 1))) (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $a2)) (f32x4.extract_lane 1 (local.get $a2)))
        (f32.add (f32x4.extract_lane 2 (local.get $a2)) (f32x4.extract_lane 3 (local.get $a2)))))
      (f32.store (i32.add (local.get $out) (i32.mul (local.get $outStride) (i32.const 3))) (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $a3)) (f32x4.extract_lane 1 (local.get $a3)))
        (f32.add (f32x4.extract_lane 2 (local.get $a3)) (f32x4.extract_lane 3 (local.get $a3)))))
      (local.set $out (i32.add (local.get $out) (i32.const 4)))
      (local.set $rows (i32.add (local.get $rows) (local.get $stride)))
      (br_if $row (i32.lt_u (local.get $rows) (local.get $end)))))
)
