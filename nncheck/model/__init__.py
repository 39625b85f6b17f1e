"""The network model: the facts about a NumPy network that every rule reads, built once per file.

This package is the model's face: rules import from `nncheck.model` only, never from the modules
below it (tests/test_architecture.py holds them to that), so a fact can move between modules
without touching a rule. Where each fact is computed:

  network    NetworkModel: scopes, values, parameters, layers, activations, errors, updates
  objects    instances, their classes and attributes (layer objects, activation objects)
  behaviour  what a closed function computes, found by evaluating it on probe arrays
  shapes     one symbolic shape per expression
  data       data and labels: value sets, ranges, one-hot, scaling, shuffles
  backward   the backward pass paired with the forward one: deltas, derivatives, gradients
  training   the training loop: steps, accumulators, reads before and after updates
  losses     how the output is scored: log terms, comparisons, argmax, batches
  values     helpers that read one expression (`code`, `call_name`, `matrix_product` ...)
"""
from nncheck.model import sandbox
from nncheck.model.backward import NONLINEAR, RELU_FAMILY, backward_of, reduction
from nncheck.model.behaviour import PROBE, classify, derivative_forms, elementwise_values
from nncheck.model.data import data
from nncheck.model.functions import FunctionInfo
from nncheck.model.losses import (
    Batch,
    ClassScores,
    arg_reductions,
    batch_of,
    class_scores_of,
    comparisons,
    layer_under,
    log_terms,
    mentions_labels,
    numpy_alias,
    producer_of,
    rewrite,
    rewritten_callable,
    units_of,
    walk,
)
from nncheck.model.network import Application, DerivativeUse, Layer, NetworkModel, bare
from nncheck.model.parse import SyntaxProblem
from nncheck.model.shapes import broadcast, broadcast_fails, inner_mismatch, matmul_shape, same, shapes, show
from nncheck.model.training import MANY, training_of
from nncheck.model.values import (
    CREATION_FUNCTIONS,
    RANDOM_FUNCTIONS,
    call_name,
    code,
    key_name,
    keyword_arg,
    matrix_product,
    numpy_attribute,
    positional_args,
    transposed_base,
)

__all__ = [
    "CREATION_FUNCTIONS",
    "MANY",
    "NONLINEAR",
    "PROBE",
    "RANDOM_FUNCTIONS",
    "RELU_FAMILY",
    "Application",
    "Batch",
    "ClassScores",
    "DerivativeUse",
    "FunctionInfo",
    "Layer",
    "NetworkModel",
    "SyntaxProblem",
    "arg_reductions",
    "backward_of",
    "bare",
    "batch_of",
    "broadcast",
    "broadcast_fails",
    "call_name",
    "class_scores_of",
    "classify",
    "code",
    "comparisons",
    "data",
    "derivative_forms",
    "elementwise_values",
    "inner_mismatch",
    "key_name",
    "keyword_arg",
    "layer_under",
    "log_terms",
    "matmul_shape",
    "matrix_product",
    "mentions_labels",
    "numpy_alias",
    "numpy_attribute",
    "positional_args",
    "producer_of",
    "reduction",
    "rewrite",
    "rewritten_callable",
    "same",
    "sandbox",
    "shapes",
    "show",
    "training_of",
    "transposed_base",
    "units_of",
    "walk",
]
