"""GPT-2 forward pass in plain PyTorch (CPU) for scripts/bench-gpt2.ts: the same maths as
lib/gpt2/graph.ts (HF layout: Conv1D weights [in, out], pre-LayerNorm, gelu_new, tied unembedding),
computing every output the graph has (resid, final_norm, attn, lens_logits at --lens-positions,
next_logits).

Reads float32 weights from a safetensors file with numpy (no safetensors package needed), times
`--runs` forward passes after `--warmup`, prints one JSON line, and writes next_logits [1, V],
lens_logits [L+1, N, V], final_norm [T, D] and resid [L+1, T, D] as raw float32 files
`<name>.f32` in --out-dir so the caller can check agreement.
"""
import argparse
import json
import math
import os
import statistics
import struct
import time

import numpy as np
import torch
import torch.nn.functional as F


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n])
    start = 8 + n
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] != "F32":
            raise SystemExit(f"{path}: tensor {name} is {info['dtype']}, expected F32")
        begin, end = info["data_offsets"]
        array = np.frombuffer(data, dtype="<f4", count=(end - begin) // 4, offset=start + begin)
        tensors[name] = torch.from_numpy(array.reshape(info["shape"]).copy())
    return tensors


def forward(w, cfg, ids, head_mask, mlp_mask, lens_positions):
    L, H, D, eps = cfg["nLayer"], cfg["nHead"], cfg["nEmbd"], cfg["layerNormEpsilon"]
    hd = D // H
    T = ids.shape[0]
    x = w["wte.weight"][ids] + w["wpe.weight"][:T]  # [T, D]
    causal = torch.ones(T, T, dtype=torch.bool).tril()
    resid, attn = [x], []
    for l in range(L):
        p = f"h.{l}."
        h = F.layer_norm(x, (D,), w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
        qkv = h @ w[p + "attn.c_attn.weight"] + w[p + "attn.c_attn.bias"]  # [T, 3D]
        q, k, v = (t.view(T, H, hd).transpose(0, 1) for t in qkv.split(D, dim=1))  # [H, T, hd]
        scores = (q @ k.transpose(1, 2)) / math.sqrt(hd)  # [H, T, T]
        scores = scores.masked_fill(~causal, torch.finfo(scores.dtype).min)
        probs = scores.softmax(-1)
        attn.append(probs)
        ctx = (probs @ v) * head_mask[l].view(H, 1, 1)  # [H, T, hd]
        ctx = ctx.transpose(0, 1).reshape(T, D)
        x = x + ctx @ w[p + "attn.c_proj.weight"] + w[p + "attn.c_proj.bias"]
        h = F.layer_norm(x, (D,), w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps)
        m = h @ w[p + "mlp.c_fc.weight"] + w[p + "mlp.c_fc.bias"]  # [T, 4D]
        m = 0.5 * m * (1 + torch.tanh(math.sqrt(2 / math.pi) * (m + 0.044715 * m**3)))
        x = x + mlp_mask[l] * (m @ w[p + "mlp.c_proj.weight"] + w[p + "mlp.c_proj.bias"])
        resid.append(x)

    def unembed(h):
        normed = F.layer_norm(h, (D,), w["ln_f.weight"], w["ln_f.bias"], eps)
        return normed, normed @ w["wte.weight"].T

    resid = torch.stack(resid)  # [L+1, T, D]
    final_norm = F.layer_norm(x, (D,), w["ln_f.weight"], w["ln_f.bias"], eps)  # [T, D]
    _, next_logits = unembed(x[-1:])  # [1, V]
    _, lens_logits = unembed(resid[:, lens_positions])  # [L+1, N, D] -> [L+1, N, V]
    return {"resid": resid, "final_norm": final_norm, "attn": torch.stack(attn), "lens_logits": lens_logits, "next_logits": next_logits}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", required=True)
    ap.add_argument("--config", required=True, help="Gpt2Config as JSON")
    ap.add_argument("--ids", required=True, help="comma-separated token ids")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--lens-positions", default="-1", help="comma-separated lens positions of the timed runs (negative from the end); empty for none")
    ap.add_argument("--check-lens-positions", default=None, help="lens positions of one more, untimed run whose outputs are written (default: --lens-positions)")
    ap.add_argument("--out-dir", required=True)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    cfg = json.loads(args.config)
    w = read_safetensors(args.weights)
    ids = torch.tensor([int(i) for i in args.ids.split(",")], dtype=torch.long)
    head_mask = torch.ones(cfg["nLayer"], cfg["nHead"])
    mlp_mask = torch.ones(cfg["nLayer"])
    positions = lambda text: torch.tensor([int(p) for p in text.split(",") if p != ""], dtype=torch.long)
    lens_positions = positions(args.lens_positions)
    times = []
    with torch.inference_mode():
        for i in range(args.warmup + args.runs):
            t0 = time.perf_counter()
            out = forward(w, cfg, ids, head_mask, mlp_mask, lens_positions)
            if i >= args.warmup:
                times.append((time.perf_counter() - t0) * 1000)
        if args.check_lens_positions is not None:
            out = forward(w, cfg, ids, head_mask, mlp_mask, positions(args.check_lens_positions))
    for name in ("next_logits", "lens_logits", "final_norm", "resid"):
        out[name].numpy().astype("<f4").tofile(os.path.join(args.out_dir, name + ".f32"))
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "median_ms": statistics.median(times), "runs_ms": times}))


if __name__ == "__main__":
    main()
