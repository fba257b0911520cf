;; sgns.wat: skip-gram with negative sampling (Mikolov et al. 2013), the inner loop of word2vec
;; training, in WebAssembly SIMD128 (standard SIMD only). Hand-written; compiled by
;; scripts/train-build-wasm.ts into sgns-wasm.ts; driven by sgns-kernel.ts, which owns the memory
;; layout. It does exactly what the JavaScript engine in sgns.ts does, draw for draw: the same
;; mulberry32 numbers in the same order, so both make the same sampling decisions and differ only
;; in float rounding (sums of four lanes here, one running sum there).
;;
;; train(job) trains on sentences [from, to) of a token stream and returns the words kept after
;; sub-sampling. `job` points at a block of parameters (byte offsets; i32 unless marked):
;;    0 ids       i32 vocabulary ids, sentence after sentence
;;    4 ends      i32 where each sentence ends in ids (exclusive)
;;    8 from     12 to            sentences to train on
;;   16 syn0     20 syn1          input and output vectors: rows of `stride` bytes, the dims
;;                                padded with zeros to a multiple of 8 (padding stays zero)
;;   24 stride   bytes per row (a multiple of 32)
;;   28 keep     u32 per word: sub-sampling keeps a token when keep[w] >= a random u32
;;   32 cum      u32 per word: the cumulative unigram^0.75 table (vocab.ts), last value 2^31 - 1
;;   36 guide    u32 per bucket: the guide table over cum (vocab.ts, GUIDE_BITS = 16)
;;   40 window   44 negative
;;   48 alpha    f32 learning rate
;;   52 work     f32 scratch row (stride bytes)
;;   56 buf      i32 scratch for one sentence after sub-sampling
;;   60 rng      mulberry32 state (read at the start, written back at the end)
;;   64 loss     f64, accumulated: sum over targets of -log sigma(+-u.v)
;;   72 pairs    f64, accumulated: (word, context) pairs trained
;;
;; For one sentence: each token w is kept when keep[w] >= rand(); then for each kept position i,
;; b = rand() % window and every j != i in [i - window + b, i + window - b] makes a pair
;; (word = buf[i], context = buf[j]). For a pair, u = syn0[context]; targets are the word (label
;; 1) and `negative` draws t = first w with cum[w] > (rand() >>> 1) % (2^31 - 1) (label 0; a draw
;; equal to the word is skipped, as gensim does). For each target v = syn1[t]:
;;     f = u.v,  g = (label - sigma(f)) * alpha,  work += g v,  v += g u
;; (skipped when |f| >= 6, gensim's MAX_EXP rule) and finally u += work. sigma uses exp below
;; (relative error < 1e-6), not a table, so the kernel follows the true gradient; the loss's
;; logarithms are summed as one logarithm of a product, taken once per call (a log per target
;; cost a quarter of the training time) (sgns.test.ts checks it against finite
;; differences through the JavaScript engine, and sgns-kernel.test.ts this kernel against that).

(module
  (memory (export "memory") 1 65536)

  ;; e^x for |x| <= 30: x = k ln2 + r, |r| <= ln2 / 2, e^r by its Taylor series to r^6 (error
  ;; < 2e-7 relative), 2^k built from the exponent bits.
  (func $exp (param $x f32) (result f32)
    (local $k f32) (local $r f32) (local $p f32)
    (local.set $k (f32.nearest (f32.mul (local.get $x) (f32.const 1.44269504))))
    (local.set $r (f32.sub
      (f32.sub (local.get $x) (f32.mul (local.get $k) (f32.const 0.693145751953125)))
      (f32.mul (local.get $k) (f32.const 1.428606765330187e-06))))
    ;; Horner: p = 1 + r (1 + r (1/2 + r (1/6 + r (1/24 + r (1/120 + r / 720)))))
    (local.set $p (f32.add (f32.const 0.008333334) (f32.mul (local.get $r) (f32.const 0.0013888889))))
    (local.set $p (f32.add (f32.const 0.041666668) (f32.mul (local.get $r) (local.get $p))))
    (local.set $p (f32.add (f32.const 0.16666667) (f32.mul (local.get $r) (local.get $p))))
    (local.set $p (f32.add (f32.const 0.5) (f32.mul (local.get $r) (local.get $p))))
    (local.set $p (f32.add (f32.const 1) (f32.mul (local.get $r) (local.get $p))))
    (local.set $p (f32.add (f32.const 1) (f32.mul (local.get $r) (local.get $p))))
    (f32.mul (local.get $p)
      (f32.reinterpret_i32 (i32.shl (i32.add (i32.trunc_f32_s (local.get $k)) (i32.const 127)) (i32.const 23)))))

  ;; ln y for a normal y >= 1: y = m 2^e with m in [0.707, 1.414], ln m = 2 atanh(s),
  ;; s = (m - 1) / (m + 1), |s| <= 0.172, by its series to s^9 (error < 1e-8).
  (func $log (param $y f32) (result f32)
    (local $bits i32) (local $e f32) (local $m f32) (local $s f32) (local $z f32) (local $p f32)
    (local.set $bits (i32.reinterpret_f32 (local.get $y)))
    (local.set $e (f32.convert_i32_s (i32.sub (i32.shr_u (local.get $bits) (i32.const 23)) (i32.const 127))))
    (local.set $m (f32.reinterpret_i32 (i32.or (i32.and (local.get $bits) (i32.const 0x007fffff)) (i32.const 0x3f800000))))
    (if (f32.gt (local.get $m) (f32.const 1.41421356))
      (then
        (local.set $m (f32.mul (local.get $m) (f32.const 0.5)))
        (local.set $e (f32.add (local.get $e) (f32.const 1)))))
    (local.set $s (f32.div (f32.sub (local.get $m) (f32.const 1)) (f32.add (local.get $m) (f32.const 1))))
    (local.set $z (f32.mul (local.get $s) (local.get $s)))
    ;; Horner: p = 1 + z (1/3 + z (1/5 + z (1/7 + z / 9)))
    (local.set $p (f32.add (f32.const 0.14285715) (f32.mul (local.get $z) (f32.const 0.11111111))))
    (local.set $p (f32.add (f32.const 0.2) (f32.mul (local.get $z) (local.get $p))))
    (local.set $p (f32.add (f32.const 0.33333334) (f32.mul (local.get $z) (local.get $p))))
    (local.set $p (f32.add (f32.const 1) (f32.mul (local.get $z) (local.get $p))))
    (f32.add (f32.mul (local.get $e) (f32.const 0.6931472)) (f32.mul (f32.mul (f32.const 2) (local.get $s)) (local.get $p))))

  (func (export "train") (param $job i32) (result i32)
    (local $ids i32) (local $ends i32) (local $s i32) (local $to i32)
    (local $syn0 i32) (local $syn1 i32) (local $stride i32)
    (local $keep i32) (local $cum i32) (local $guide i32)
    (local $window i32) (local $negative i32) (local $alpha f32)
    (local $work i32) (local $buf i32) (local $rng i32)
    (local $loss f64) (local $pairs f64) (local $kept i32)
    (local $t i32) (local $end i32) (local $n i32) (local $w i32)
    (local $i i32) (local $j i32) (local $j1 i32) (local $b i32)
    (local $word i32) (local $u i32) (local $d i32) (local $target i32) (local $v i32)
    (local $k i32) (local $r i32) (local $label f32)
    (local $f f32) (local $fc f32) (local $e f32) (local $g f32) (local $gv v128) (local $acc v128) (local $acc2 v128) (local $x v128)
    (local $prod f64) (local $twos i64) (local $bits i64)

    (local.set $ids (i32.load offset=0 (local.get $job)))
    (local.set $ends (i32.load offset=4 (local.get $job)))
    (local.set $s (i32.load offset=8 (local.get $job)))
    (local.set $to (i32.load offset=12 (local.get $job)))
    (local.set $syn0 (i32.load offset=16 (local.get $job)))
    (local.set $syn1 (i32.load offset=20 (local.get $job)))
    (local.set $stride (i32.load offset=24 (local.get $job)))
    (local.set $keep (i32.load offset=28 (local.get $job)))
    (local.set $cum (i32.load offset=32 (local.get $job)))
    (local.set $guide (i32.load offset=36 (local.get $job)))
    (local.set $window (i32.load offset=40 (local.get $job)))
    (local.set $negative (i32.load offset=44 (local.get $job)))
    (local.set $alpha (f32.load offset=48 (local.get $job)))
    (local.set $work (i32.load offset=52 (local.get $job)))
    (local.set $buf (i32.load offset=56 (local.get $job)))
    (local.set $rng (i32.load offset=60 (local.get $job)))
    (local.set $prod (f64.const 1))

    ;; the first token of sentence s
    (local.set $t (if (result i32) (local.get $s)
      (then (i32.load (i32.add (local.get $ends) (i32.shl (i32.sub (local.get $s) (i32.const 1)) (i32.const 2)))))
      (else (i32.const 0))))

    (block $sentences_done
      (loop $sentences
        (br_if $sentences_done (i32.ge_u (local.get $s) (local.get $to)))
        (local.set $end (i32.load (i32.add (local.get $ends) (i32.shl (local.get $s) (i32.const 2)))))

        ;; ---- sub-sampling: buf[0..n) = the kept tokens of the sentence
        (local.set $n (i32.const 0))
        (block $sub_done
          (loop $sub
            (br_if $sub_done (i32.ge_u (local.get $t) (local.get $end)))
            (local.set $w (i32.load (i32.add (local.get $ids) (i32.shl (local.get $t) (i32.const 2)))))
            ;; mulberry32 -> $r
            (local.set $rng (i32.add (local.get $rng) (i32.const 0x6d2b79f5)))
            (local.set $r (i32.mul (i32.xor (local.get $rng) (i32.shr_u (local.get $rng) (i32.const 15))) (i32.or (local.get $rng) (i32.const 1))))
            (local.set $r (i32.xor (local.get $r) (i32.add (local.get $r) (i32.mul (i32.xor (local.get $r) (i32.shr_u (local.get $r) (i32.const 7))) (i32.or (local.get $r) (i32.const 61))))))
            (local.set $r (i32.xor (local.get $r) (i32.shr_u (local.get $r) (i32.const 14))))
            (if (i32.ge_u (i32.load (i32.add (local.get $keep) (i32.shl (local.get $w) (i32.const 2)))) (local.get $r))
              (then
                (i32.store (i32.add (local.get $buf) (i32.shl (local.get $n) (i32.const 2))) (local.get $w))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $sub)))
        (local.set $kept (i32.add (local.get $kept) (local.get $n)))

        ;; ---- every kept position i with its reduced window
        (local.set $i (i32.const 0))
        (block $positions_done
          (loop $positions
            (br_if $positions_done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $word (i32.load (i32.add (local.get $buf) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $rng (i32.add (local.get $rng) (i32.const 0x6d2b79f5)))
            (local.set $r (i32.mul (i32.xor (local.get $rng) (i32.shr_u (local.get $rng) (i32.const 15))) (i32.or (local.get $rng) (i32.const 1))))
            (local.set $r (i32.xor (local.get $r) (i32.add (local.get $r) (i32.mul (i32.xor (local.get $r) (i32.shr_u (local.get $r) (i32.const 7))) (i32.or (local.get $r) (i32.const 61))))))
            (local.set $r (i32.xor (local.get $r) (i32.shr_u (local.get $r) (i32.const 14))))
            (local.set $b (i32.rem_u (local.get $r) (local.get $window)))
            ;; j in [max(0, i - window + b), min(n, i + window + 1 - b))
            (local.set $j (i32.add (i32.sub (local.get $i) (local.get $window)) (local.get $b)))
            (if (i32.lt_s (local.get $j) (i32.const 0)) (then (local.set $j (i32.const 0))))
            (local.set $j1 (i32.sub (i32.add (i32.add (local.get $i) (local.get $window)) (i32.const 1)) (local.get $b)))
            (if (i32.gt_s (local.get $j1) (local.get $n)) (then (local.set $j1 (local.get $n))))

            (block $contexts_done
              (loop $contexts
                (br_if $contexts_done (i32.ge_s (local.get $j) (local.get $j1)))
                (if (i32.ne (local.get $j) (local.get $i))
                  (then
                    ;; ---- one pair: u = syn0[context], work = 0
                    (local.set $u (i32.add (local.get $syn0)
                      (i32.mul (i32.load (i32.add (local.get $buf) (i32.shl (local.get $j) (i32.const 2)))) (local.get $stride))))
                    (local.set $k (i32.const 0))
                    (loop $zero
                      (v128.store (i32.add (local.get $work) (local.get $k)) (v128.const i32x4 0 0 0 0))
                      (local.set $k (i32.add (local.get $k) (i32.const 16)))
                      (br_if $zero (i32.lt_u (local.get $k) (local.get $stride))))
                    (local.set $pairs (f64.add (local.get $pairs) (f64.const 1)))

                    (local.set $d (i32.const 0))
                    (block $targets_done
                      (loop $targets
                        (br_if $targets_done (i32.gt_u (local.get $d) (local.get $negative)))
                        (block $next_target
                          (if (i32.eqz (local.get $d))
                            (then
                              (local.set $target (local.get $word))
                              (local.set $label (f32.const 1)))
                            (else
                              (local.set $rng (i32.add (local.get $rng) (i32.const 0x6d2b79f5)))
                              (local.set $r (i32.mul (i32.xor (local.get $rng) (i32.shr_u (local.get $rng) (i32.const 15))) (i32.or (local.get $rng) (i32.const 1))))
                              (local.set $r (i32.xor (local.get $r) (i32.add (local.get $r) (i32.mul (i32.xor (local.get $r) (i32.shr_u (local.get $r) (i32.const 7))) (i32.or (local.get $r) (i32.const 61))))))
                              (local.set $r (i32.xor (local.get $r) (i32.shr_u (local.get $r) (i32.const 14))))
                              (local.set $r (i32.rem_u (i32.shr_u (local.get $r) (i32.const 1)) (i32.const 2147483647)))
                              ;; target = first w from guide[r >> 15] with cum[w] > r
                              (local.set $target (i32.load (i32.add (local.get $guide) (i32.shl (i32.shr_u (local.get $r) (i32.const 15)) (i32.const 2)))))
                              (block $found
                                (loop $scan
                                  (br_if $found (i32.gt_u (i32.load (i32.add (local.get $cum) (i32.shl (local.get $target) (i32.const 2)))) (local.get $r)))
                                  (local.set $target (i32.add (local.get $target) (i32.const 1)))
                                  (br $scan)))
                              (br_if $next_target (i32.eq (local.get $target) (local.get $word)))
                              (local.set $label (f32.const 0))))

                          ;; f = u . v, two accumulators over 8 floats a step (stride is a multiple of 32)
                          (local.set $v (i32.add (local.get $syn1) (i32.mul (local.get $target) (local.get $stride))))
                          (local.set $acc (v128.const i32x4 0 0 0 0))
                          (local.set $acc2 (v128.const i32x4 0 0 0 0))
                          (local.set $k (i32.const 0))
                          (loop $dot
                            (local.set $acc (f32x4.add (local.get $acc)
                              (f32x4.mul (v128.load (i32.add (local.get $u) (local.get $k))) (v128.load (i32.add (local.get $v) (local.get $k))))))
                            (local.set $acc2 (f32x4.add (local.get $acc2)
                              (f32x4.mul (v128.load offset=16 (i32.add (local.get $u) (local.get $k))) (v128.load offset=16 (i32.add (local.get $v) (local.get $k))))))
                            (local.set $k (i32.add (local.get $k) (i32.const 32)))
                            (br_if $dot (i32.lt_u (local.get $k) (local.get $stride))))
                          (local.set $acc (f32x4.add (local.get $acc) (local.get $acc2)))
                          (local.set $f (f32.add
                            (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
                            (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
                          ;; loss: with e = exp(-f), -log sigma(f) = ln(1 + e) and -log sigma(-f) = ln(1 + e) + f
                          ;; (f clamped to +-30 so that e stays finite)
                          (local.set $fc (f32.min (f32.max (local.get $f) (f32.const -30)) (f32.const 30)))
                          (local.set $e (call $exp (f32.neg (local.get $fc))))
                          ;; sum of ln(1 + e) = ln of the product of (1 + e), taken once at the end: the
                          ;; product is kept as prod * 2^twos, prod renormalised to [1, 2) when it grows
                          (local.set $prod (f64.mul (local.get $prod) (f64.promote_f32 (f32.add (f32.const 1) (local.get $e)))))
                          (if (f64.gt (local.get $prod) (f64.const 1e200))
                            (then
                              (local.set $bits (i64.reinterpret_f64 (local.get $prod)))
                              (local.set $twos (i64.add (local.get $twos) (i64.sub (i64.shr_u (local.get $bits) (i64.const 52)) (i64.const 1023))))
                              (local.set $prod (f64.reinterpret_i64 (i64.or (i64.and (local.get $bits) (i64.const 0x000fffffffffffff)) (i64.const 0x3ff0000000000000))))))
                          (local.set $loss (f64.add (local.get $loss) (f64.promote_f32 (f32.mul (f32.sub (f32.const 1) (local.get $label)) (local.get $fc)))))
                          ;; gensim's MAX_EXP rule: no update when |f| >= 6
                          (br_if $next_target (f32.ge (f32.abs (local.get $f)) (f32.const 6)))
                          (local.set $g (f32.mul (f32.sub (local.get $label) (f32.div (f32.const 1) (f32.add (f32.const 1) (local.get $e)))) (local.get $alpha)))
                          (local.set $gv (f32x4.splat (local.get $g)))
                          ;; work += g v; v += g u
                          (local.set $k (i32.const 0))
                          (loop $update
                            (local.set $x (v128.load (i32.add (local.get $v) (local.get $k))))
                            (v128.store (i32.add (local.get $work) (local.get $k))
                              (f32x4.add (v128.load (i32.add (local.get $work) (local.get $k))) (f32x4.mul (local.get $gv) (local.get $x))))
                            (v128.store (i32.add (local.get $v) (local.get $k))
                              (f32x4.add (local.get $x) (f32x4.mul (local.get $gv) (v128.load (i32.add (local.get $u) (local.get $k))))))
                            (local.set $k (i32.add (local.get $k) (i32.const 16)))
                            (br_if $update (i32.lt_u (local.get $k) (local.get $stride)))))
                        (local.set $d (i32.add (local.get $d) (i32.const 1)))
                        (br $targets)))

                    ;; u += work
                    (local.set $k (i32.const 0))
                    (loop $apply
                      (v128.store (i32.add (local.get $u) (local.get $k))
                        (f32x4.add (v128.load (i32.add (local.get $u) (local.get $k))) (v128.load (i32.add (local.get $work) (local.get $k)))))
                      (local.set $k (i32.add (local.get $k) (i32.const 16)))
                      (br_if $apply (i32.lt_u (local.get $k) (local.get $stride))))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $contexts)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $positions)))

        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $sentences)))

    ;; loss += ln(prod * 2^twos), prod brought to [1, 2) first
    (local.set $bits (i64.reinterpret_f64 (local.get $prod)))
    (local.set $twos (i64.add (local.get $twos) (i64.sub (i64.shr_u (local.get $bits) (i64.const 52)) (i64.const 1023))))
    (local.set $prod (f64.reinterpret_i64 (i64.or (i64.and (local.get $bits) (i64.const 0x000fffffffffffff)) (i64.const 0x3ff0000000000000))))
    (local.set $loss (f64.add (local.get $loss) (f64.add
      (f64.mul (f64.convert_i64_s (local.get $twos)) (f64.const 0.6931471805599453))
      (f64.promote_f32 (call $log (f32.demote_f64 (local.get $prod)))))))
    (i32.store offset=60 (local.get $job) (local.get $rng))
    (f64.store offset=64 (local.get $job) (f64.add (f64.load offset=64 (local.get $job)) (local.get $loss)))
    (f64.store offset=72 (local.get $job) (f64.add (f64.load offset=72 (local.get $job)) (local.get $pairs)))
    (local.get $kept))
)
