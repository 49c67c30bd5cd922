"""tf.estimator, back from the last release of the real package, tensorflow-estimator 2.15.

TensorFlow 2.16 stopped shipping tf.estimator, and its last release imports a few names
TensorFlow has removed since: the distribute coordinator's hooks (never used outside a
cluster: `should_run_distribute_coordinator` answers False) and TPU embedding modules
(only reached on a TPU), and what sets up `RunConfig(train_distribute=...)`
(`_init_run_config`). `_put_back_what_it_imports` puts them back as stand-ins, then
the package's own TF 1.x API (`tf.compat.v1.estimator` as it was) is imported, on first
use only: `ESTIMATOR` stands in for it until then.
"""

import sys
import types

import input_data
from tf1_compat.tensorflow1 import removed

_tpu_classes = {}


def _tpu_only(name):
    """Any name of the TPU modules: a class of its own, only ever used on a TPU."""
    if name.startswith("__"):
        raise AttributeError(name)
    return _tpu_classes.setdefault(name, type(name, (), {"__doc__": "Only used on a TPU."}))


def _no_cluster(*args, **kwargs):
    raise NotImplementedError("tf.estimator's distribute coordinator runs only on a cluster "
                              "with TF_CONFIG, which tf1.py does not set up")


def _module(name, **attributes):
    """The module `name`, made if TensorFlow no longer has it, with these attributes."""
    module = sys.modules.get(name) or types.ModuleType(name)
    module.__dict__.update(attributes)
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    setattr(sys.modules[parent], child, module)
    return module


def _init_run_config(config, tf_config):
    """estimator_training.init_run_config, as TensorFlow 1.x had it, for what runs without
    the distribute coordinator (gone from TensorFlow 2): `RunConfig(train_distribute=...)`
    on one machine, or with a TF_CONFIG cluster that has a master, as the strategy's own
    settings; the rest is one line saying what does the job today."""
    if config._experimental_distribute is not None:
        raise removed.Removed("tf.contrib.distribute.DistributeConfig")
    cluster = tf_config.get("cluster", {})
    if cluster and "master" not in cluster and config._train_distribute:
        raise removed.Removed("tf.estimator.RunConfig(train_distribute=) with a TF_CONFIG "
                              "cluster")
    config._distribute_coordinator_mode = None
    config._init_distributed_setting_from_environment_var(tf_config)
    config._maybe_overwrite_session_config_for_distributed_training()


def _put_back_what_it_imports():
    import tensorflow.python.distribute  # noqa: F401  (the parents of the modules below)
    import tensorflow.python.tpu  # noqa: F401
    from tensorflow.python.util import tf_export
    tf_export.ESTIMATOR_API_NAME = "estimator"
    tf_export.API_ATTRS["estimator"] = tf_export._Attributes(
        "_estimator_api_names", "_estimator_api_constants")
    tf_export.API_ATTRS_V1["estimator"] = tf_export._Attributes(
        "_estimator_api_names_v1", "_estimator_api_constants_v1")
    _module("tensorflow.python.distribute.estimator_training",
            should_run_distribute_coordinator=lambda config: False,
            init_run_config=_init_run_config,
            train_and_evaluate=_no_cluster, estimator_train=_no_cluster,
            estimator_evaluate=_no_cluster)
    for name in ("tpu_embedding", "session_support", "tpu_embedding_gradient"):
        _module(f"tensorflow.python.tpu.{name}", __getattr__=_tpu_only)


class _Estimator(types.ModuleType):
    """tf.estimator: the tensorflow-estimator package's TF 1.x API, imported on first use."""

    def load(self):
        """The package's TF 1.x API, imported now (and what it imports put back first)."""
        return self._real()

    def _real(self):
        if "_module" not in self.__dict__:
            _put_back_what_it_imports()
            from tensorflow_estimator.python.estimator.api._v1 import estimator
            self.__dict__["_module"] = estimator
        return self.__dict__["_module"]

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return getattr(self._real(), name)

    def __dir__(self):
        return dir(self._real())


ESTIMATOR = _Estimator("tensorflow.estimator", _Estimator.__doc__)


def KMeansClustering(*args, **kwargs):  # noqa: N802  (contrib's own name)
    """tf.contrib.factorization.KMeansClustering: tf.estimator.experimental.KMeans."""
    return ESTIMATOR.experimental.KMeans(*args, **kwargs)


def load_dataset(name, size="small", test_with_fake_data=False):
    """tf.contrib.learn.datasets.load_dataset("mnist"): MNIST as read_data_sets reads it,
    from MNIST-data/ (or $MNIST_DATA_DIR), as TensorFlow's layers tutorial loaded it."""
    if name != "mnist":
        raise ValueError(f"tf1.py has only the 'mnist' data set of tf.contrib.learn, not "
                         f"{name!r}")
    return input_data.read_data_sets("MNIST-data", fake_data=test_with_fake_data)


# tf.contrib.learn.datasets.DATASETS: its loaders by name; of them, MNIST's.
DATASETS = {"mnist": input_data.load_mnist}


def MirroredStrategy(devices=None, num_gpus=None, num_gpus_per_worker=None,  # noqa: N802
                     cross_device_ops=None, auto_shard_dataset=False, cross_tower_ops=None):
    """tf.contrib.distribute.MirroredStrategy (TF 1.11-1.14): tf.distribute's, on the
    `num_gpus` GPUs asked for where the machine has them, else on what it has."""
    import tensorflow.compat.v1 as tf
    if devices is None and num_gpus:
        gpus = tf.config.list_logical_devices("GPU")[:num_gpus]
        devices = [gpu.name for gpu in gpus] or None
    return tf.distribute.MirroredStrategy(devices=devices,
                                          cross_device_ops=cross_device_ops or cross_tower_ops)
