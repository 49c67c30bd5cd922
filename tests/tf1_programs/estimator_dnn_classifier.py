# A canned DNNClassifier on MNIST, as the TF 1.x "premade estimators" posts wrote it.
import numpy as np
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

mnist = input_data.read_data_sets("MNIST_data/", one_hot=False)
feature_columns = [tf.feature_column.numeric_column("x", shape=[784])]
classifier = tf.estimator.DNNClassifier(feature_columns=feature_columns, hidden_units=[128, 64],
                                        n_classes=10, model_dir="dnn_model")
train_input_fn = tf.estimator.inputs.numpy_input_fn(
    x={"x": mnist.train.images}, y=mnist.train.labels.astype(np.int32), batch_size=100,
    num_epochs=None, shuffle=True)
classifier.train(input_fn=train_input_fn, steps=300)
test_input_fn = tf.estimator.inputs.numpy_input_fn(
    x={"x": mnist.test.images}, y=mnist.test.labels.astype(np.int32), num_epochs=1,
    shuffle=False)
accuracy_score = classifier.evaluate(input_fn=test_input_fn)["accuracy"]
print("\nTest Accuracy: {0:f}\n".format(accuracy_score))
