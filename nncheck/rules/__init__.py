"""The rule registry: every rule class, in code order, and rule selection as Ruff does it."""
from __future__ import annotations

from typing import Iterable

from nncheck.rules.base import Invalid, Rule, Valid
from nncheck.rules.nn101_unbounded_output_binary_labels import UnboundedOutputBinaryLabels
from nncheck.rules.nn102_softmax_single_unit import SoftmaxSingleUnit
from nncheck.rules.nn103_array_truth_value import ArrayTruthValue
from nncheck.rules.nn104_softmax_wrong_axis import SoftmaxWrongAxis
from nncheck.rules.nn105_unstable_exp import UnstableExp
from nncheck.rules.nn106_softmax_hidden_layer import SoftmaxHiddenLayer
from nncheck.rules.nn107_output_range_mismatch import OutputRangeMismatch
from nncheck.rules.nn108_unscaled_inputs import UnscaledInputs
from nncheck.rules.nn109_softmax_missing_keepdims import SoftmaxMissingKeepdims
from nncheck.rules.nn201_derivative_wrong_point import DerivativeWrongPoint
from nncheck.rules.nn202_derivative_mismatch import DerivativeMismatch
from nncheck.rules.nn203_gradient_sign import GradientSign
from nncheck.rules.nn204_bias_gradient_like_weights import BiasGradientLikeWeights
from nncheck.rules.nn205_missing_activation_derivative import MissingActivationDerivative
from nncheck.rules.nn206_derivative_of_error import DerivativeOfError
from nncheck.rules.nn207_derivative_mutates_input import DerivativeMutatesInput
from nncheck.rules.nn208_relu_backward_mask import ReluBackwardMask
from nncheck.rules.nn209_bias_gradient_reduction import BiasGradientReduction
from nncheck.rules.nn210_dead_hidden_delta import DeadHiddenDelta
from nncheck.rules.nn211_gradient_wrong_layer_input import GradientWrongLayerInput
from nncheck.rules.nn212_fused_gradient_times_derivative import FusedGradientTimesDerivative
from nncheck.rules.nn213_stale_weights_in_backprop import StaleWeightsInBackprop
from nncheck.rules.nn214_gradient_accumulator_not_reset import GradientAccumulatorNotReset
from nncheck.rules.nn301_bias_shaped_like_weights import BiasShapedLikeWeights
from nncheck.rules.nn302_bias_inside_product import BiasInsideProduct
from nncheck.rules.nn303_label_broadcast import LabelBroadcast
from nncheck.rules.nn304_symmetric_init import SymmetricInit
from nncheck.rules.nn305_shape_mismatch import ShapeMismatch
from nncheck.rules.nn306_integer_parameters import IntegerParameters
from nncheck.rules.nn307_dot_third_argument import DotThirdArgument
from nncheck.rules.nn308_missing_bias import MissingBias
from nncheck.rules.nn309_update_shape_mismatch import UpdateShapeMismatch
from nncheck.rules.nn401_signed_error_sum import SignedErrorSum
from nncheck.rules.nn402_log_without_clip import LogWithoutClip
from nncheck.rules.nn403_accuracy_without_threshold import AccuracyWithoutThreshold
from nncheck.rules.nn404_loss_activation_mismatch import LossActivationMismatch
from nncheck.rules.nn405_argmax_wrong_axis import ArgmaxWrongAxis
from nncheck.rules.nn501_method_without_self import MethodWithoutSelf
from nncheck.rules.nn502_shuffle_ndarray import ShuffleNdarray
from nncheck.rules.nn503_aliased_accumulators import AliasedAccumulators
from nncheck.rules.nn504_unpaired_shuffle import UnpairedShuffle
from nncheck.rules.nn900_syntax_error import SyntaxErrorRule

ALL_RULES: list[type[Rule]] = sorted(
    [
        UnboundedOutputBinaryLabels,
        SoftmaxSingleUnit,
        ArrayTruthValue,
        SoftmaxWrongAxis,
        UnstableExp,
        SoftmaxHiddenLayer,
        OutputRangeMismatch,
        UnscaledInputs,
        SoftmaxMissingKeepdims,
        DerivativeWrongPoint,
        DerivativeMismatch,
        GradientSign,
        BiasGradientLikeWeights,
        MissingActivationDerivative,
        DerivativeOfError,
        DerivativeMutatesInput,
        ReluBackwardMask,
        BiasGradientReduction,
        DeadHiddenDelta,
        GradientWrongLayerInput,
        FusedGradientTimesDerivative,
        StaleWeightsInBackprop,
        GradientAccumulatorNotReset,
        BiasShapedLikeWeights,
        BiasInsideProduct,
        LabelBroadcast,
        SymmetricInit,
        ShapeMismatch,
        IntegerParameters,
        DotThirdArgument,
        MissingBias,
        UpdateShapeMismatch,
        SignedErrorSum,
        LogWithoutClip,
        AccuracyWithoutThreshold,
        LossActivationMismatch,
        ArgmaxWrongAxis,
        MethodWithoutSelf,
        ShuffleNdarray,
        AliasedAccumulators,
        UnpairedShuffle,
        SyntaxErrorRule,
    ],
    key=lambda rule: rule.code,
)

RULES_BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in ALL_RULES}
RULES_BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in ALL_RULES}


class UnknownRuleError(ValueError):
    pass


def find_rule(code_or_name: str) -> type[Rule]:
    key = code_or_name.strip()
    rule = RULES_BY_CODE.get(key.upper()) or RULES_BY_NAME.get(key.lower())
    if rule is None:
        raise UnknownRuleError(f"unknown rule {code_or_name!r} (see `nncheck --list-rules`)")
    return rule


def _matching(selector: str) -> list[type[Rule]]:
    """Rules matched by one selector: ALL, a code prefix (NN, NN1, NN10, NN101) or a rule name."""
    key = selector.strip()
    if not key:
        return []
    if key.upper() == "ALL":
        return list(ALL_RULES)
    if key.lower() in RULES_BY_NAME:
        return [RULES_BY_NAME[key.lower()]]
    matched = [rule for rule in ALL_RULES if rule.code.startswith(key.upper())]
    if not matched:
        raise UnknownRuleError(f"unknown rule selector {selector!r} (see `nncheck --list-rules`)")
    return matched


def select_rules(
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    extend_select: Iterable[str] | None = None,
) -> list[type[Rule]]:
    """The active rules: `select` (default: the rules that are on by default) plus
    `extend_select`, minus `ignore`. Raises UnknownRuleError for a selector that matches nothing."""
    if select is None:
        chosen = [rule for rule in ALL_RULES if rule.default]
    else:
        chosen = [rule for selector in select for rule in _matching(selector)]
    for selector in extend_select or ():
        chosen.extend(_matching(selector))
    ignored = {rule for selector in ignore or () for rule in _matching(selector)}
    # NN900 cannot be meaningfully selected away from a file that does not parse, but it can be
    # ignored like any other code.
    unique = {rule.code: rule for rule in chosen if rule not in ignored}
    return sorted(unique.values(), key=lambda rule: rule.code)


__all__ = [
    "ALL_RULES",
    "Invalid",
    "Rule",
    "SyntaxErrorRule",
    "UnknownRuleError",
    "Valid",
    "find_rule",
    "select_rules",
]
