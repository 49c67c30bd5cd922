# A 2017 book's chapter 10: an MLP with TF.Learn's high-level API (tf.contrib.learn with
# SKCompat), on MNIST loaded with scikit-learn's fetch_mldata, shortened to 400 steps.
import numpy as np
import tensorflow as tf
from sklearn.datasets import fetch_mldata
from sklearn.metrics import accuracy_score

mnist = fetch_mldata('MNIST original')
X, y = mnist["data"], mnist["target"]
X_train, X_test, y_train, y_test = X[:60000] / 255., X[60000:] / 255., y[:60000], y[60000:]
shuffle_index = np.random.permutation(60000)
X_train, y_train = X_train[shuffle_index], y_train[shuffle_index]

feature_cols = tf.contrib.learn.infer_real_valued_columns_from_input(X_train)
dnn_clf = tf.contrib.learn.DNNClassifier(hidden_units=[300, 100], n_classes=10,
                                         feature_columns=feature_cols)
dnn_clf = tf.contrib.learn.SKCompat(dnn_clf)
dnn_clf.fit(X_train, y_train.astype(np.int32), batch_size=50, steps=400)
y_pred = dnn_clf.predict(X_test)
print("accuracy", accuracy_score(y_test, y_pred['classes']))
