;; dot-i8.wat: int8-row x int16-query cosine kernel, WebAssembly SIMD128 (standard SIMD only,
;; no relaxed-simd), hand-written. Compiled by scripts/build-wasm.mjs into dot-i8-wasm.ts;
;; driven by scorer.ts, which owns the memory layout described here.
;;
;; For each query j and row r it computes
;;     out_j[r] = f32( sum_i q[r][i] * Q_j[i] ) * scale[r] * inv_j
;; where q[r] are the stored int8 values, Q_j the query quantised to int16 by the caller
;; (Q_j = round(v_j * 1 / inv_j)) and scale[r] the stored per-row f32 scale.
;;
;; Memory (exported, 1 page initially, grown once by scorer.ts to fit the capacity; the declared
;; maximum 65536 pages = 4 GiB is the wasm32 ceiling). All offsets are passed in by the caller:
;;   qOff      f32 inv[4] (16 bytes), then the int16 queries INTERLEAVED per 8-dim step:
;;             step s, query j (of nq) lives at qOff + 16 + (s * nq + j) * 16 as 8 x i16.
;;             Dims past the end of the vector are 0 up to the next multiple of 8.
;;   scales    f32 per row, the row count rounded up to a multiple of 4.
;;   out       f32 per row for query 0; query j starts at out + j * outStride.
;;   rows      int8, row r at rows + r * stride, stride = dims (NOT padded).
;;
;; Why unpadded rows work: a row is read in 8-byte steps, so the last step of a row also reads up
;; to 7 bytes of the next row (or of the slack after the last row). Those lanes meet query lanes
;; that are 0, so they add exactly 0. The caller keeps >= 8 bytes of slack after the last row and
;; rounds the row region, scales and outputs up to a multiple of 4 rows, because the kernels
;; always finish their last group of 4 (or 2) rows; what they write past `rows` is ignored.
;;
;; Inner step, per row: v128.load8x8_s (8 int8 -> i16x8, one pmovsxbw on x64), then
;; i32x4.dot_i16x8_s with the query step (pmaddwd: 8 products summed pairwise into 4 i32 lanes)
;; and i32x4.add into that row's accumulator. Each row is loaded once per step and used for every
;; query, so nq queries share one pass over memory.
;;
;; Overflow: every accumulator lane, and every partial sum of the final horizontal add, is a sum of
;; a subset of the terms q[i]*Q[i], so its magnitude is at most sum_i |q[i]|*|Q[i]|
;; <= 128 * Qmax * dims. The caller picks Qmax = min(32767, floor((2^31 - 1) / (128 * dims))), so
;; nothing can overflow i32 for any int8 input (even -128): full 15-bit queries up to dims = 512,
;; a proportionally coarser query scale beyond. |Q| <= 32767 also keeps pmaddwd's single overflow
;; case (-32768 * -32768 * 2) out of reach.
;;
;; Horizontal add: R row accumulators are transposed-and-added with i8x16.shuffle so one i32x4 ends
;; up holding R row totals; one f32x4.convert_i32x4_s, two f32x4.mul and one store finish R rows.
;;
;; Variants (chosen by measurement on a 2-core AVX-512 VM, V8 11.3 / Node 20; x64 has 16 xmm
;; registers). Also measured and dropped, all within noise of these: 16-byte loads with
;; extend_low/high; unsigned-offset bytes split with and/shr_u; 2-step unrolling; a layout that
;; interleaves 4 rows in 8-byte pieces so one pointer with constant offsets walks a group.
;;   score1: 4 rows x 1 query  (4 accumulators)
;;   score2: 4 rows x 2 queries (8 accumulators)
;;   score3: 2 rows x 3 queries (6 accumulators; 4 x 3 needs 12 + 3 query registers and was
;;           not faster)
;;   score4: 2 rows x 4 queries (8 accumulators)
;; All take (rows, steps, stride, qOff, scales, rowPtr, out, outStride) and require rows >= 1 and
;; steps >= 1 (the loops are do-while); steps = ceil(dims / 8).

(module
  (memory (export "memory") 1 65536)

  ;; ---------------------------------------------------------------------------------------------
  ;; 4 rows x 1 query
  (func (export "score1")
    (param $rows i32) (param $steps i32) (param $stride i32) (param $qOff i32)
    (param $scales i32) (param $rowPtr i32) (param $out i32) (param $outStride i32)
    (local $r i32) (local $qp i32) (local $qBase i32) (local $qEnd i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $q v128) (local $inv v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $s01 v128) (local $s23 v128)

    (local.set $inv (f32x4.splat (f32.load (local.get $qOff))))
    (local.set $qBase (i32.add (local.get $qOff) (i32.const 16)))
    ;; one 16-byte query block per step
    (local.set $qEnd (i32.add (local.get $qBase) (i32.shl (local.get $steps) (i32.const 4))))

    (loop $group
      (local.set $p0 (local.get $rowPtr))
      (local.set $p1 (i32.add (local.get $p0) (local.get $stride)))
      (local.set $p2 (i32.add (local.get $p1) (local.get $stride)))
      (local.set $p3 (i32.add (local.get $p2) (local.get $stride)))
      (local.set $a0 (v128.const i32x4 0 0 0 0))
      (local.set $a1 (v128.const i32x4 0 0 0 0))
      (local.set $a2 (v128.const i32x4 0 0 0 0))
      (local.set $a3 (v128.const i32x4 0 0 0 0))
      (local.set $qp (local.get $qBase))

      (loop $step
        (local.set $q (v128.load (local.get $qp)))
        (local.set $a0 (i32x4.add (local.get $a0)
          (i32x4.dot_i16x8_s (v128.load8x8_s (local.get $p0)) (local.get $q))))
        (local.set $a1 (i32x4.add (local.get $a1)
          (i32x4.dot_i16x8_s (v128.load8x8_s (local.get $p1)) (local.get $q))))
        (local.set $a2 (i32x4.add (local.get $a2)
          (i32x4.dot_i16x8_s (v128.load8x8_s (local.get $p2)) (local.get $q))))
        (local.set $a3 (i32x4.add (local.get $a3)
          (i32x4.dot_i16x8_s (v128.load8x8_s (local.get $p3)) (local.get $q))))
        (local.set $p0 (i32.add (local.get $p0) (i32.const 8)))
        (local.set $p1 (i32.add (local.get $p1) (i32.const 8)))
        (local.set $p2 (i32.add (local.get $p2) (i32.const 8)))
        (local.set $p3 (i32.add (local.get $p3) (i32.const 8)))
        (local.set $qp (i32.add (local.get $qp) (i32.const 16)))
        (br_if $step (i32.lt_u (local.get $qp) (local.get $qEnd))))

      ;; s01 = [a0.0+a0.2, a1.0+a1.2, a0.1+a0.3, a1.1+a1.3]
      (local.set $s01 (i32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a0) (local.get $a1))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a0) (local.get $a1))))
      (local.set $s23 (i32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a2) (local.get $a3))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a2) (local.get $a3))))
      ;; [sum a0, sum a1, sum a2, sum a3] -> f32 -> * scale[r..r+3] * inv
      (v128.store (local.get $out)
        (f32x4.mul
          (f32x4.mul
            (f32x4.convert_i32x4_s (i32x4.add
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $s01) (local.get $s23))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $s01) (local.get $s23))))
            (v128.load (local.get $scales)))
          (local.get $inv)))

      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (local.set $scales (i32.add (local.get $scales) (i32.const 16)))
      (local.set $rowPtr (i32.add (local.get $rowPtr) (i32.shl (local.get $stride) (i32.const 2))))
      (local.set $r (i32.add (local.get $r) (i32.const 4)))
      (br_if $group (i32.lt_u (local.get $r) (local.get $rows)))))

  ;; ---------------------------------------------------------------------------------------------
  ;; 4 rows x 2 queries. Accumulator $aRJ = row R, query J.
  (func (export "score2")
    (param $rows i32) (param $steps i32) (param $stride i32) (param $qOff i32)
    (param $scales i32) (param $rowPtr i32) (param $out i32) (param $outStride i32)
    (local $r i32) (local $qp i32) (local $qBase i32) (local $qEnd i32) (local $out1 i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $x v128) (local $q0 v128) (local $q1 v128) (local $inv0 v128) (local $inv1 v128)
    (local $sc v128) (local $s01 v128) (local $s23 v128)
    (local $a00 v128) (local $a10 v128) (local $a20 v128) (local $a30 v128)
    (local $a01 v128) (local $a11 v128) (local $a21 v128) (local $a31 v128)

    (local.set $inv0 (f32x4.splat (f32.load offset=0 (local.get $qOff))))
    (local.set $inv1 (f32x4.splat (f32.load offset=4 (local.get $qOff))))
    (local.set $out1 (i32.add (local.get $out) (local.get $outStride)))
    (local.set $qBase (i32.add (local.get $qOff) (i32.const 16)))
    ;; two 16-byte query blocks per step
    (local.set $qEnd (i32.add (local.get $qBase) (i32.shl (local.get $steps) (i32.const 5))))

    (loop $group
      (local.set $p0 (local.get $rowPtr))
      (local.set $p1 (i32.add (local.get $p0) (local.get $stride)))
      (local.set $p2 (i32.add (local.get $p1) (local.get $stride)))
      (local.set $p3 (i32.add (local.get $p2) (local.get $stride)))
      (local.set $a00 (v128.const i32x4 0 0 0 0))
      (local.set $a10 (v128.const i32x4 0 0 0 0))
      (local.set $a20 (v128.const i32x4 0 0 0 0))
      (local.set $a30 (v128.const i32x4 0 0 0 0))
      (local.set $a01 (v128.const i32x4 0 0 0 0))
      (local.set $a11 (v128.const i32x4 0 0 0 0))
      (local.set $a21 (v128.const i32x4 0 0 0 0))
      (local.set $a31 (v128.const i32x4 0 0 0 0))
      (local.set $qp (local.get $qBase))

      (loop $step
        (local.set $q0 (v128.load offset=0 (local.get $qp)))
        (local.set $q1 (v128.load offset=16 (local.get $qp)))
        (local.set $x (v128.load8x8_s (local.get $p0)))
        (local.set $a00 (i32x4.add (local.get $a00) (i32x4.dot_i16x8_s (local.get $x) (local.get $q0))))
        (local.set $a01 (i32x4.add (local.get $a01) (i32x4.dot_i16x8_s (local.get $x) (local.get $q1))))
        (local.set $x (v128.load8x8_s (local.get $p1)))
        (local.set $a10 (i32x4.add (local.get $a10) (i32x4.dot_i16x8_s (local.get $x) (local.get $q0))))
        (local.set $a11 (i32x4.add (local.get $a11) (i32x4.dot_i16x8_s (local.get $x) (local.get $q1))))
        (local.set $x (v128.load8x8_s (local.get $p2)))
        (local.set $a20 (i32x4.add (local.get $a20) (i32x4.dot_i16x8_s (local.get $x) (local.get $q0))))
        (local.set $a21 (i32x4.add (local.get $a21) (i32x4.dot_i16x8_s (local.get $x) (local.get $q1))))
        (local.set $x (v128.load8x8_s (local.get $p3)))
        (local.set $a30 (i32x4.add (local.get $a30) (i32x4.dot_i16x8_s (local.get $x) (local.get $q0))))
        (local.set $a31 (i32x4.add (local.get $a31) (i32x4.dot_i16x8_s (local.get $x) (local.get $q1))))
        (local.set $p0 (i32.add (local.get $p0) (i32.const 8)))
        (local.set $p1 (i32.add (local.get $p1) (i32.const 8)))
        (local.set $p2 (i32.add (local.get $p2) (i32.const 8)))
        (local.set $p3 (i32.add (local.get $p3) (i32.const 8)))
        (local.set $qp (i32.add (local.get $qp) (i32.const 32)))
        (br_if $step (i32.lt_u (local.get $qp) (local.get $qEnd))))

      (local.set $sc (v128.load (local.get $scales)))

      ;; query 0: same transpose-and-add as score1
      (local.set $s01 (i32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a00) (local.get $a10))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a00) (local.get $a10))))
      (local.set $s23 (i32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a20) (local.get $a30))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a20) (local.get $a30))))
      (v128.store (local.get $out)
        (f32x4.mul
          (f32x4.mul
            (f32x4.convert_i32x4_s (i32x4.add
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $s01) (local.get $s23))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $s01) (local.get $s23))))
            (local.get $sc))
          (local.get $inv0)))

      ;; query 1
      (local.set $s01 (i32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a01) (local.get $a11))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a01) (local.get $a11))))
      (local.set $s23 (i32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a21) (local.get $a31))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a21) (local.get $a31))))
      (v128.store (local.get $out1)
        (f32x4.mul
          (f32x4.mul
            (f32x4.convert_i32x4_s (i32x4.add
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $s01) (local.get $s23))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $s01) (local.get $s23))))
            (local.get $sc))
          (local.get $inv1)))

      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (local.set $out1 (i32.add (local.get $out1) (i32.const 16)))
      (local.set $scales (i32.add (local.get $scales) (i32.const 16)))
      (local.set $rowPtr (i32.add (local.get $rowPtr) (i32.shl (local.get $stride) (i32.const 2))))
      (local.set $r (i32.add (local.get $r) (i32.const 4)))
      (br_if $group (i32.lt_u (local.get $r) (local.get $rows)))))

  ;; ---------------------------------------------------------------------------------------------
  ;; 2 rows x 3 queries. Two-row horizontal add:
  ;;   s = [a0.0+a0.2, a1.0+a1.2, a0.1+a0.3, a1.1+a1.3];  s + swap64(s) = [sum a0, sum a1, ., .]
  ;; and the low 64 bits (2 f32) are stored with v128.store64_lane.
  (func (export "score3")
    (param $rows i32) (param $steps i32) (param $stride i32) (param $qOff i32)
    (param $scales i32) (param $rowPtr i32) (param $out i32) (param $outStride i32)
    (local $r i32) (local $qp i32) (local $qBase i32) (local $qEnd i32)
    (local $out1 i32) (local $out2 i32) (local $p0 i32) (local $p1 i32)
    (local $x v128) (local $q0 v128) (local $q1 v128) (local $q2 v128)
    (local $inv0 v128) (local $inv1 v128) (local $inv2 v128) (local $sc v128) (local $s v128)
    (local $a00 v128) (local $a10 v128) (local $a01 v128) (local $a11 v128)
    (local $a02 v128) (local $a12 v128)

    (local.set $inv0 (f32x4.splat (f32.load offset=0 (local.get $qOff))))
    (local.set $inv1 (f32x4.splat (f32.load offset=4 (local.get $qOff))))
    (local.set $inv2 (f32x4.splat (f32.load offset=8 (local.get $qOff))))
    (local.set $out1 (i32.add (local.get $out) (local.get $outStride)))
    (local.set $out2 (i32.add (local.get $out1) (local.get $outStride)))
    (local.set $qBase (i32.add (local.get $qOff) (i32.const 16)))
    ;; three 16-byte query blocks per step
    (local.set $qEnd (i32.add (local.get $qBase) (i32.mul (local.get $steps) (i32.const 48))))

    (loop $group
      (local.set $p0 (local.get $rowPtr))
      (local.set $p1 (i32.add (local.get $p0) (local.get $stride)))
      (local.set $a00 (v128.const i32x4 0 0 0 0))
      (local.set $a10 (v128.const i32x4 0 0 0 0))
      (local.set $a01 (v128.const i32x4 0 0 0 0))
      (local.set $a11 (v128.const i32x4 0 0 0 0))
      (local.set $a02 (v128.const i32x4 0 0 0 0))
      (local.set $a12 (v128.const i32x4 0 0 0 0))
      (local.set $qp (local.get $qBase))

      (loop $step
        (local.set $q0 (v128.load offset=0 (local.get $qp)))
        (local.set $q1 (v128.load offset=16 (local.get $qp)))
        (local.set $q2 (v128.load offset=32 (local.get $qp)))
        (local.set $x (v128.load8x8_s (local.get $p0)))
        (local.set $a00 (i32x4.add (local.get $a00) (i32x4.dot_i16x8_s (local.get $x) (local.get $q0))))
        (local.set $a01 (i32x4.add (local.get $a01) (i32x4.dot_i16x8_s (local.get $x) (local.get $q1))))
        (local.set $a02 (i32x4.add (local.get $a02) (i32x4.dot_i16x8_s (local.get $x) (local.get $q2))))
        (local.set $x (v128.load8x8_s (local.get $p1)))
        (local.set $a10 (i32x4.add (local.get $a10) (i32x4.dot_i16x8_s (local.get $x) (local.get $q0))))
        (local.set $a11 (i32x4.add (local.get $a11) (i32x4.dot_i16x8_s (local.get $x) (local.get $q1))))
        (local.set $a12 (i32x4.add (local.get $a12) (i32x4.dot_i16x8_s (local.get $x) (local.get $q2))))
        (local.set $p0 (i32.add (local.get $p0) (i32.const 8)))
        (local.set $p1 (i32.add (local.get $p1) (i32.const 8)))
        (local.set $qp (i32.add (local.get $qp) (i32.const 48)))
        (br_if $step (i32.lt_u (local.get $qp) (local.get $qEnd))))

      ;; [scale[r], scale[r+1], 0, 0]
      (local.set $sc (v128.load64_zero (local.get $scales)))

      (local.set $s (i32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a00) (local.get $a10))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a00) (local.get $a10))))
      (v128.store64_lane 0 (local.get $out)
        (f32x4.mul (f32x4.mul
          (f32x4.convert_i32x4_s (i32x4.add (local.get $s)
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s) (local.get $s))))
          (local.get $sc)) (local.get $inv0)))

      (local.set $s (i32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a01) (local.get $a11))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a01) (local.get $a11))))
      (v128.store64_lane 0 (local.get $out1)
        (f32x4.mul (f32x4.mul
          (f32x4.convert_i32x4_s (i32x4.add (local.get $s)
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s) (local.get $s))))
          (local.get $sc)) (local.get $inv1)))

      (local.set $s (i32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a02) (local.get $a12))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a02) (local.get $a12))))
      (v128.store64_lane 0 (local.get $out2)
        (f32x4.mul (f32x4.mul
          (f32x4.convert_i32x4_s (i32x4.add (local.get $s)
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s) (local.get $s))))
          (local.get $sc)) (local.get $inv2)))

      (local.set $out (i32.add (local.get $out) (i32.const 8)))
      (local.set $out1 (i32.add (local.get $out1) (i32.const 8)))
      (local.set $out2 (i32.add (local.get $out2) (i32.const 8)))
      (local.set $scales (i32.add (local.get $scales) (i32.const 8)))
      (local.set $rowPtr (i32.add (local.get $rowPtr) (i32.shl (local.get $stride) (i32.const 1))))
      (local.set $r (i32.add (local.get $r) (i32.const 2)))
      (br_if $group (i32.lt_u (local.get $r) (local.get $rows)))))

  ;; ---------------------------------------------------------------------------------------------
  ;; 2 rows x 4 queries (same shape as score3 with a fourth query).
  (func (export "score4")
    (param $rows i32) (param $steps i32) (param $stride i32) (param $qOff i32)
    (param $scales i32) (param $rowPtr i32) (param $out i32) (param $outStride i32)
    (local $r i32) (local $qp i32) (local $qBase i32) (local $qEnd i32)
    (local $out1 i32) (local $out2 i32) (local $out3 i32) (local $p0 i32) (local $p1 i32)
    (local $x v128) (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128)
    (local $inv0 v128) (local $inv1 v128) (local $inv2 v128) (local $inv3 v128)
    (local $sc v128) (local $s v128)
    (local $a00 v128) (local $a10 v128) (local $a01 v128) (local $a11 v128)
    (local $a02 v128) (local $a12 v128) (local $a03 v128) (local $a13 v128)

    (local.set $inv0 (f32x4.splat (f32.load offset=0 (local.get $qOff))))
    (local.set $inv1 (f32x4.splat (f32.load offset=4 (local.get $qOff))))
    (local.set $inv2 (f32x4.splat (f32.load offset=8 (local.get $qOff))))
    (local.set $inv3 (f32x4.splat (f32.load offset=12 (local.get $qOff))))
    (local.set $out1 (i32.add (local.get $out) (local.get $outStride)))
    (local.set $out2 (i32.add (local.get $out1) (local.get $outStride)))
    (local.set $out3 (i32.add (local.get $out2) (local.get $outStride)))
    (local.set $qBase (i32.add (local.get $qOff) (i32.const 16)))
    ;; four 16-byte query blocks per step
    (local.set $qEnd (i32.add (local.get $qBase) (i32.shl (local.get $steps) (i32.const 6))))

    (loop $group
      (local.set $p0 (local.get $rowPtr))
      (local.set $p1 (i32.add (local.get $p0) (local.get $stride)))
      (local.set $a00 (v128.const i32x4 0 0 0 0))
      (local.set $a10 (v128.const i32x4 0 0 0 0))
      (local.set $a01 (v128.const i32x4 0 0 0 0))
      (local.set $a11 (v128.const i32x4 0 0 0 0))
      (local.set $a02 (v128.const i32x4 0 0 0 0))
      (local.set $a12 (v128.const i32x4 0 0 0 0))
      (local.set $a03 (v128.const i32x4 0 0 0 0))
      (local.set $a13 (v128.const i32x4 0 0 0 0))
      (local.set $qp (local.get $qBase))

      (loop $step
        (local.set $q0 (v128.load offset=0 (local.get $qp)))
        (local.set $q1 (v128.load offset=16 (local.get $qp)))
        (local.set $q2 (v128.load offset=32 (local.get $qp)))
        (local.set $q3 (v128.load offset=48 (local.get $qp)))
        (local.set $x (v128.load8x8_s (local.get $p0)))
        (local.set $a00 (i32x4.add (local.get $a00) (i32x4.dot_i16x8_s (local.get $x) (local.get $q0))))
        (local.set $a01 (i32x4.add (local.get $a01) (i32x4.dot_i16x8_s (local.get $x) (local.get $q1))))
        (local.set $a02 (i32x4.add (local.get $a02) (i32x4.dot_i16x8_s (local.get $x) (local.get $q2))))
        (local.set $a03 (i32x4.add (local.get $a03) (i32x4.dot_i16x8_s (local.get $x) (local.get $q3))))
        (local.set $x (v128.load8x8_s (local.get $p1)))
        (local.set $a10 (i32x4.add (local.get $a10) (i32x4.dot_i16x8_s (local.get $x) (local.get $q0))))
        (local.set $a11 (i32x4.add (local.get $a11) (i32x4.dot_i16x8_s (local.get $x) (local.get $q1))))
        (local.set $a12 (i32x4.add (local.get $a12) (i32x4.dot_i16x8_s (local.get $x) (local.get $q2))))
        (local.set $a13 (i32x4.add (local.get $a13) (i32x4.dot_i16x8_s (local.get $x) (local.get $q3))))
        (local.set $p0 (i32.add (local.get $p0) (i32.const 8)))
        (local.set $p1 (i32.add (local.get $p1) (i32.const 8)))
        (local.set $qp (i32.add (local.get $qp) (i32.const 64)))
        (br_if $step (i32.lt_u (local.get $qp) (local.get $qEnd))))

      (local.set $sc (v128.load64_zero (local.get $scales)))

      (local.set $s (i32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a00) (local.get $a10))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a00) (local.get $a10))))
      (v128.store64_lane 0 (local.get $out)
        (f32x4.mul (f32x4.mul
          (f32x4.convert_i32x4_s (i32x4.add (local.get $s)
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s) (local.get $s))))
          (local.get $sc)) (local.get $inv0)))

      (local.set $s (i32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a01) (local.get $a11))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a01) (local.get $a11))))
      (v128.store64_lane 0 (local.get $out1)
        (f32x4.mul (f32x4.mul
          (f32x4.convert_i32x4_s (i32x4.add (local.get $s)
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s) (local.get $s))))
          (local.get $sc)) (local.get $inv1)))

      (local.set $s (i32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a02) (local.get $a12))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a02) (local.get $a12))))
      (v128.store64_lane 0 (local.get $out2)
        (f32x4.mul (f32x4.mul
          (f32x4.convert_i32x4_s (i32x4.add (local.get $s)
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s) (local.get $s))))
          (local.get $sc)) (local.get $inv2)))

      (local.set $s (i32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a03) (local.get $a13))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a03) (local.get $a13))))
      (v128.store64_lane 0 (local.get $out3)
        (f32x4.mul (f32x4.mul
          (f32x4.convert_i32x4_s (i32x4.add (local.get $s)
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s) (local.get $s))))
          (local.get $sc)) (local.get $inv3)))

      (local.set $out (i32.add (local.get $out) (i32.const 8)))
      (local.set $out1 (i32.add (local.get $out1) (i32.const 8)))
      (local.set $out2 (i32.add (local.get $out2) (i32.const 8)))
      (local.set $out3 (i32.add (local.get $out3) (i32.const 8)))
      (local.set $scales (i32.add (local.get $scales) (i32.const 8)))
      (local.set $rowPtr (i32.add (local.get $rowPtr) (i32.shl (local.get $stride) (i32.const 1))))
      (local.set $r (i32.add (local.get $r) (i32.const 2)))
      (br_if $group (i32.lt_u (local.get $r) (local.get $rows)))))
;; ---------------------------------------------------------------------------------------------
  ;; Rank counting over a score array already in this memory (a scoreN output):
  ;;     count_rank(ptr, n, t, before) = #{ i < n : v[i] > t } + #{ i < before : v[i] == t }
  ;; i.e. how many rows outrank a row scoring t at index `before` (ties go to the lower index).
  ;; f32x4.gt / f32x4.eq give -1 per true lane, so subtracting the mask adds 1. NaN never counts.
  ;; ptr must be 4-byte aligned; n and before need not be multiples of 4 (scalar tails).
  (func (export "count_rank")
    (param $ptr i32) (param $n i32) (param $t f32) (param $before i32) (result i32)
    (local $i i32) (local $end i32) (local $acc v128) (local $tv v128) (local $count i32)
    (local.set $tv (f32x4.splat (local.get $t)))
    ;; v > t over [0, n): 4 lanes at a time
    (local.set $end (i32.and (local.get $n) (i32.const -4)))
    (block $done
      (loop $lanes
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $acc (i32x4.sub (local.get $acc)
          (f32x4.gt (v128.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 2)))) (local.get $tv))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $lanes)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $count (i32.add (local.get $count)
          (f32.gt (f32.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 2)))) (local.get $t))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail)))
    ;; v == t over [0, before)
    (local.set $i (i32.const 0))
    (local.set $end (i32.and (local.get $before) (i32.const -4)))
    (block $done
      (loop $lanes
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $acc (i32x4.sub (local.get $acc)
          (f32x4.eq (v128.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 2)))) (local.get $tv))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $lanes)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $before)))
        (local.set $count (i32.add (local.get $count)
          (f32.eq (f32.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 2)))) (local.get $t))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail)))
    (i32.add (local.get $count)
      (i32.add
        (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
        (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc))))))
)
