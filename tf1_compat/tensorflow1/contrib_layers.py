"""tf.contrib.layers and tf.contrib.framework.arg_scope, rebuilt over tf.compat.v1.

The layer functions keep contrib's defaults, which differ from tf.layers': a ReLU unless
`activation_fn=None`, Glorot (Xavier) initial weights, `normalizer_fn` applied instead of
the bias, and variables named `weights` and `biases` under the layer's scope. Each takes
its defaults from the enclosing `arg_scope`, as contrib's did.
"""

import contextlib
import functools

import tensorflow.compat.v1 as tf
from tensorflow.python.framework import smart_cond

_SCOPES = [{}]  # the arg_scope stack: {function key: default keyword arguments}


def _key(function):
    return getattr(function, "_arg_scope_key", (function.__module__, function.__name__))


@contextlib.contextmanager
def arg_scope(list_ops_or_scope, **kwargs):
    """Sets default keyword arguments for the listed functions inside the `with` block."""
    if isinstance(list_ops_or_scope, dict):  # a scope saved earlier, entered again
        scope = list_ops_or_scope
    else:
        scope = {key: dict(defaults) for key, defaults in _SCOPES[-1].items()}
        for function in list_ops_or_scope:
            scope.setdefault(_key(function), {}).update(kwargs)
    _SCOPES.append(scope)
    try:
        yield scope
    finally:
        _SCOPES.pop()


def current_arg_scope():
    """The innermost arg_scope's defaults."""
    return _SCOPES[-1]


def add_arg_scope(function):
    """Lets arg_scope set `function`'s default keyword arguments."""
    @functools.wraps(function)
    def with_arg_scope(*args, **kwargs):
        return function(*args, **{**_SCOPES[-1].get(_key(function), {}), **kwargs})
    with_arg_scope._arg_scope_key = _key(function)
    return with_arg_scope


def variance_scaling_initializer(factor=2.0, mode="FAN_IN", uniform=False, seed=None,
                                 dtype=tf.float32):
    """contrib's He initializer by default: factor / fan (FAN_IN, FAN_OUT or FAN_AVG)."""
    return tf.variance_scaling_initializer(
        scale=factor, mode=mode.lower(), seed=seed, dtype=dtype,
        distribution="uniform" if uniform else "truncated_normal")


def xavier_initializer(uniform=True, seed=None, dtype=tf.float32):
    """Glorot (Xavier) initial weights: uniform by default, truncated normal if not."""
    return variance_scaling_initializer(1.0, "FAN_AVG", uniform, seed, dtype)


def l1_regularizer(scale, scope=None):
    """A function of weights: scale * sum(|w|)."""
    def l1(weights):
        with tf.name_scope(scope, "l1_regularizer", [weights]):
            return tf.multiply(scale, tf.reduce_sum(tf.abs(weights)), name="l1")
    return l1


def l2_regularizer(scale, scope=None):
    """A function of weights: scale * sum(w ** 2) / 2 (tf.nn.l2_loss)."""
    def l2(weights):
        with tf.name_scope(scope, "l2_regularizer", [weights]):
            return tf.multiply(scale, tf.nn.l2_loss(weights), name="l2")
    return l2


def l1_l2_regularizer(scale_l1=1.0, scale_l2=1.0, scope=None):
    """A function of weights: the l1 and the l2 regularizer's, added."""
    return sum_regularizer([l1_regularizer(scale_l1), l2_regularizer(scale_l2)], scope)


def sum_regularizer(regularizer_list, scope=None):
    """A function of weights: the sum of the given regularizers' (None ones skipped)."""
    def summed(weights):
        with tf.name_scope(scope, "sum_regularizer", [weights]):
            return tf.add_n([r(weights) for r in regularizer_list if r is not None])
    return summed


def apply_regularization(regularizer, weights_list=None):
    """The regularizer's penalty over weights_list (by default the weights the layers
    made), added to tf.GraphKeys.REGULARIZATION_LOSSES as contrib did."""
    if weights_list is None:
        weights_list = [v for v in tf.trainable_variables() if v.op.name.endswith("weights")]
    with tf.name_scope("get_regularization_penalty", values=weights_list):
        penalty = tf.add_n([regularizer(w) for w in weights_list])
    tf.add_to_collection(tf.GraphKeys.REGULARIZATION_LOSSES, penalty)
    return penalty


def _collected(outputs, outputs_collections):
    """outputs, added to each of the collections named (contrib's outputs_collections)."""
    tf.add_to_collections(outputs_collections or (), outputs)
    return outputs


def _variable(name, shape, initializer, regularizer, trainable, variables_collections):
    """A layer's variable, also in the collections variables_collections names for it (a
    list for every variable, or a dict by variable name)."""
    variable = tf.get_variable(name, shape, initializer=initializer, regularizer=regularizer,
                               trainable=trainable)
    _add_variable(variable, name, variables_collections)
    return variable


def _add_variable(variable, name, variables_collections):
    """Adds a layer's variable to the collections variables_collections names for it."""
    if isinstance(variables_collections, dict):
        variables_collections = variables_collections.get(name)
    tf.add_to_collections(variables_collections or (), variable)


def _nhwc(data_format, layer, inputs):
    """layer(inputs) for inputs in data_format ("NHWC", or "NCHW": transposed there and
    back, as the ops here are NHWC's)."""
    if data_format != "NCHW":
        return layer(inputs)
    return tf.transpose(layer(tf.transpose(inputs, [0, 2, 3, 1])), [0, 3, 1, 2])


def _layer(inputs, kernel_shape, apply_kernel, activation_fn, normalizer_fn,
           normalizer_params, weights_initializer, weights_regularizer, biases_initializer,
           biases_regularizer, trainable, variables_collections, outputs_collections,
           data_format=None):
    """What fully_connected and conv2d share: weights, then the normalizer or the bias,
    then the activation, in the caller's variable scope."""
    weights = _variable("weights", kernel_shape, weights_initializer, weights_regularizer,
                        trainable, variables_collections)
    outputs = apply_kernel(inputs, weights)
    if normalizer_fn is not None:
        outputs = normalizer_fn(outputs, **(normalizer_params or {}))
    elif biases_initializer is not None:
        biases = _variable("biases", [outputs.shape[1 if data_format == "NCHW" else -1]],
                           biases_initializer, biases_regularizer, trainable,
                           variables_collections)
        outputs = tf.nn.bias_add(outputs, biases,
                                 data_format="NCHW" if data_format == "NCHW" else None)
    if activation_fn is not None:
        outputs = activation_fn(outputs)
    return _collected(outputs, outputs_collections)


@add_arg_scope
def fully_connected(inputs, num_outputs, activation_fn=tf.nn.relu, normalizer_fn=None,
                    normalizer_params=None, weights_initializer=None, weights_regularizer=None,
                    biases_initializer=tf.zeros_initializer(), biases_regularizer=None,
                    reuse=None, variables_collections=None, outputs_collections=None,
                    trainable=True, scope=None):
    """A dense layer, ReLU by default, on the last dimension of `inputs`."""
    with tf.variable_scope(scope, "fully_connected", [inputs], reuse=reuse):
        rank = inputs.shape.ndims
        return _layer(inputs, [inputs.shape[-1], num_outputs],
                      lambda x, w: tf.tensordot(x, w, [[rank - 1], [0]]) if rank > 2
                      else tf.matmul(x, w),
                      activation_fn, normalizer_fn, normalizer_params,
                      weights_initializer or xavier_initializer(), weights_regularizer,
                      biases_initializer, biases_regularizer, trainable, variables_collections,
                      outputs_collections)


linear = functools.partial(fully_connected, activation_fn=None)
linear.__doc__ = "fully_connected with no activation."


def _pair(value):
    return list(value) if isinstance(value, (list, tuple)) else [value, value]


@add_arg_scope
def conv2d(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None,
           rate=1, activation_fn=tf.nn.relu, normalizer_fn=None, normalizer_params=None,
           weights_initializer=None, weights_regularizer=None,
           biases_initializer=tf.zeros_initializer(), biases_regularizer=None, reuse=None,
           variables_collections=None, outputs_collections=None, trainable=True, scope=None):
    """A 2-D convolution, ReLU by default."""
    with tf.variable_scope(scope, "Conv", [inputs], reuse=reuse):
        strides = [1] + _pair(stride) + [1]
        channels = inputs.shape[1 if data_format == "NCHW" else -1]
        return _layer(inputs, _pair(kernel_size) + [channels, num_outputs],
                      lambda x, w: _nhwc(data_format, lambda nhwc: tf.nn.conv2d(
                          nhwc, w, strides, padding.upper(), dilations=[1] + _pair(rate) + [1]),
                          x),
                      activation_fn, normalizer_fn, normalizer_params,
                      weights_initializer or xavier_initializer(), weights_regularizer,
                      biases_initializer, biases_regularizer, trainable, variables_collections,
                      outputs_collections, data_format)


def _transposed_size(size, kernel, stride, padding):
    """The size a transposed convolution makes of `size` (a number, or a tensor when the
    size is known only when the graph runs), as tf.layers computes it."""
    if padding.upper() == "SAME":
        return size * stride
    return size * stride + max(kernel - stride, 0)


@add_arg_scope
def conv2d_transpose(inputs, num_outputs, kernel_size, stride=1, padding="SAME",
                     data_format="NHWC", activation_fn=tf.nn.relu, normalizer_fn=None,
                     normalizer_params=None, weights_initializer=None, weights_regularizer=None,
                     biases_initializer=tf.zeros_initializer(), biases_regularizer=None,
                     reuse=None, variables_collections=None, outputs_collections=None,
                     trainable=True, scope=None):
    """A 2-D transposed convolution (a GAN generator's upsampling), ReLU by default."""
    with tf.variable_scope(scope, "Conv2d_transpose", [inputs], reuse=reuse):
        kernel, strides = _pair(kernel_size), _pair(stride)

        def transposed(nhwc, weights):
            sizes = [nhwc.shape[1], nhwc.shape[2]]
            sizes = [_transposed_size(tf.shape(nhwc)[i + 1] if size is None else int(size),
                                      k, s, padding)
                     for i, (size, k, s) in enumerate(zip(sizes, kernel, strides))]
            return tf.nn.conv2d_transpose(
                nhwc, weights, tf.stack([tf.shape(nhwc)[0], *sizes, num_outputs]),
                [1] + strides + [1], padding.upper())
        channels = inputs.shape[1 if data_format == "NCHW" else -1]
        return _layer(inputs, kernel + [num_outputs, channels],
                      lambda x, w: _nhwc(data_format, lambda nhwc: transposed(nhwc, w), x),
                      activation_fn, normalizer_fn, normalizer_params,
                      weights_initializer or xavier_initializer(), weights_regularizer,
                      biases_initializer, biases_regularizer, trainable, variables_collections,
                      outputs_collections, data_format)


def _pool(pool, default_name):
    @add_arg_scope
    def pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format="NHWC",
               outputs_collections=None, scope=None):
        with tf.name_scope(scope, default_name, [inputs]):
            return _collected(_nhwc(data_format, lambda nhwc: pool(
                nhwc, [1] + _pair(kernel_size) + [1], [1] + _pair(stride) + [1],
                padding.upper()), inputs), outputs_collections)
    pool2d.__name__ = default_name.lower()
    pool2d.__doc__ = f"{default_name} over kernel_size windows, every `stride` pixels."
    return pool2d


max_pool2d = _pool(tf.nn.max_pool, "MaxPool2D")
avg_pool2d = _pool(tf.nn.avg_pool, "AvgPool2D")


@add_arg_scope
def flatten(inputs, outputs_collections=None, scope=None):
    """[batch, ...] to [batch, everything else]."""
    with tf.name_scope(scope, "Flatten", [inputs]):
        return _collected(tf.layers.flatten(inputs), outputs_collections)


@add_arg_scope
def dropout(inputs, keep_prob=0.5, noise_shape=None, is_training=True,
            outputs_collections=None, scope=None, seed=None):
    """Keeps each value with probability keep_prob while is_training (a bool or a tensor)."""
    with tf.name_scope(scope, "Dropout", [inputs]):
        return _collected(smart_cond.smart_cond(
            is_training,
            lambda: tf.nn.dropout(inputs, rate=1 - keep_prob, noise_shape=noise_shape,
                                  seed=seed),
            lambda: tf.identity(inputs)), outputs_collections)


@add_arg_scope
def batch_norm(inputs, decay=0.999, center=True, scale=False, epsilon=0.001,
               activation_fn=None, param_initializers=None, param_regularizers=None,
               updates_collections=tf.GraphKeys.UPDATE_OPS, is_training=True, reuse=None,
               variables_collections=None, outputs_collections=None, trainable=True,
               batch_weights=None, fused=None, data_format="NHWC",
               zero_debias_moving_mean=False, scope=None, renorm=False, renorm_clipping=None,
               renorm_decay=0.99, adjustment=None):
    """Batch normalization over the channels, updating its averages as contrib did.

    With updates_collections=None the moving averages update as part of the output;
    otherwise their update ops go into that collection (tf.GraphKeys.UPDATE_OPS by
    default), to be run with the training op.
    """
    initializers = param_initializers or {}
    regularizers = param_regularizers or {}
    update_ops = tf.get_collection_ref(tf.GraphKeys.UPDATE_OPS)
    before = len(update_ops)
    with tf.variable_scope(scope, "BatchNorm", [inputs], reuse=reuse) as variables:
        layer = tf.layers.BatchNormalization(
            momentum=decay, epsilon=epsilon, center=center, scale=scale,
            beta_initializer=initializers.get("beta", tf.zeros_initializer()),
            gamma_initializer=initializers.get("gamma", tf.ones_initializer()),
            moving_mean_initializer=initializers.get("moving_mean", tf.zeros_initializer()),
            moving_variance_initializer=initializers.get("moving_variance",
                                                         tf.ones_initializer()),
            beta_regularizer=regularizers.get("beta"),
            gamma_regularizer=regularizers.get("gamma"),
            axis=1 if data_format == "NCHW" else -1, fused=fused, adjustment=adjustment,
            trainable=trainable, renorm=renorm, renorm_clipping=renorm_clipping,
            renorm_momentum=renorm_decay, _scope=variables, _reuse=reuse)
        outputs = layer.apply(inputs, training=is_training)
    for variable in layer.variables:  # named as contrib named them: <scope>/beta, ...
        _add_variable(variable, variable.op.name.rsplit("/", 1)[-1], variables_collections)
    updates = update_ops[before:]
    if updates_collections != tf.GraphKeys.UPDATE_OPS:
        del update_ops[before:]
        if updates_collections is None:
            with tf.control_dependencies(updates):
                outputs = tf.identity(outputs)
        else:
            for update in updates:
                tf.add_to_collections(updates_collections, update)
    if activation_fn is not None:
        outputs = activation_fn(outputs)
    return _collected(outputs, outputs_collections)


@add_arg_scope
def one_hot_encoding(labels, num_classes, on_value=1.0, off_value=0.0, outputs_collections=None,
                     scope=None):
    """tf.one_hot of integer labels, as floats."""
    with tf.name_scope(scope, "OneHotEncoding", [labels]):
        return _collected(tf.one_hot(labels, num_classes, on_value=on_value,
                                     off_value=off_value), outputs_collections)


def analyze_vars(variables, print_info=False):
    """slim.model_analyzer.analyze_vars: each variable's type, shape and size (printed with
    `print_info`), and their total count and bytes."""
    if print_info:
        print("---------\nVariables: name (type shape) [size]\n---------")
    total_size = total_bytes = 0
    for variable in variables:
        size = variable.get_shape().num_elements() or 0
        size_bytes = size * variable.dtype.base_dtype.size
        total_size, total_bytes = total_size + size, total_bytes + size_bytes
        if print_info:
            shape = "x".join(str(d) for d in variable.get_shape().as_list())
            print(f"{variable.name} ({variable.dtype.base_dtype.name} {shape}) "
                  f"[{size}, bytes: {size_bytes}]")
    if print_info:
        print(f"Total size of variables: {total_size}\nTotal bytes of variables: {total_bytes}")
    return total_size, total_bytes


relu6 = functools.partial(fully_connected, activation_fn=tf.nn.relu6)
relu6.__doc__ = "fully_connected with ReLU6 (min(max(x, 0), 6))."


def stack(inputs, layer, stack_args, **kwargs):
    """`layer` applied once for each of `stack_args` (a tuple of its arguments, or one),
    each on the output of the one before, in the scopes Stack/<layer>_1, _2, ..."""
    scope = kwargs.pop("scope", None)
    outputs = inputs
    with tf.variable_scope(scope, "Stack", [inputs]):
        for number, arguments in enumerate(stack_args, 1):
            arguments = arguments if isinstance(arguments, (list, tuple)) else [arguments]
            name = f"{getattr(layer, '__name__', 'layer')}_{number}"
            outputs = layer(outputs, *arguments, scope=name, **kwargs)
    return outputs


def repeat(inputs, repetitions, layer, *args, **kwargs):
    """`layer(outputs, *args, **kwargs)` applied `repetitions` times in a row, in the
    scopes <scope>/<scope>_1, _2, ... (the layer's name if no scope is given)."""
    scope = kwargs.pop("scope", None)
    with tf.variable_scope(scope, "Repeat", [inputs]) as outer:
        base = outer.original_name_scope.rstrip("/").split("/")[-1]
        outputs = inputs
        for number in range(1, repetitions + 1):
            outputs = layer(outputs, *args, scope=f"{base}_{number}", **kwargs)
    return outputs


@add_arg_scope
def layer_norm(inputs, center=True, scale=True, activation_fn=None, reuse=None,
               variables_collections=None, outputs_collections=None, trainable=True,
               begin_norm_axis=1, begin_params_axis=-1, scope=None):
    """Layer normalization: each example normalized over its axes from `begin_norm_axis`
    on, then scaled by gamma and shifted by beta (over the axes from `begin_params_axis`)."""
    with tf.variable_scope(scope, "LayerNorm", [inputs], reuse=reuse):
        rank = inputs.shape.ndims
        norm_axes = list(range(begin_norm_axis % rank, rank))
        params_shape = inputs.shape[begin_params_axis % rank:]
        mean, variance = tf.nn.moments(inputs, norm_axes, keep_dims=True)
        beta = _variable("beta", params_shape, tf.zeros_initializer(), None, trainable,
                         variables_collections) if center else None
        gamma = _variable("gamma", params_shape, tf.ones_initializer(), None, trainable,
                          variables_collections) if scale else None
        outputs = tf.nn.batch_normalization(inputs, mean, variance, beta, gamma, 1e-12)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collected(outputs, outputs_collections)
