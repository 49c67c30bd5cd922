# TF1-era tf.keras: a Sequential model trained with fit() in graph mode (TF 1.x).
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)

model = tf.keras.models.Sequential([
    tf.keras.layers.Dense(128, activation=tf.nn.relu, input_shape=(784,)),
    tf.keras.layers.Dropout(0.2),
    tf.keras.layers.Dense(10, activation=tf.nn.softmax),
])
model.compile(optimizer=tf.train.AdamOptimizer(0.001), loss='categorical_crossentropy',
              metrics=['accuracy'])
print('eager:', tf.executing_eagerly())
model.fit(mnist.train.images[:6000], mnist.train.labels[:6000], epochs=1, batch_size=32,
          verbose=0)
loss, accuracy = model.evaluate(mnist.test.images, mnist.test.labels, verbose=0)
print('Accuracy:', accuracy)
