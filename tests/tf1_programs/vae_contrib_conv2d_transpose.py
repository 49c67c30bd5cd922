# A convolutional VAE on MNIST as 2017 posts wrote it: tf.contrib.layers for the encoder,
# conv2d_transpose for the decoder, tf.contrib.distributions for the code's prior, and a
# Keras layer through tf.contrib.keras.
import tensorflow as tf
from tensorflow.contrib.keras import layers as keras_layers
from tensorflow.examples.tutorials.mnist import input_data

layers = tf.contrib.layers
ds = tf.contrib.distributions
mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)
tf.set_random_seed(1)

x = tf.placeholder(tf.float32, [None, 784])
images = tf.reshape(x, [-1, 28, 28, 1])
h = layers.conv2d(images, 16, 5, stride=2)                                  # 14x14
h = layers.conv2d(h, 32, 5, stride=2)                                       # 7x7
h = keras_layers.Flatten()(h)
mean = layers.fully_connected(h, 8, activation_fn=None)
stddev = layers.fully_connected(h, 8, activation_fn=tf.nn.softplus) + 1e-6
posterior = ds.Normal(loc=mean, scale=stddev)
prior = ds.Normal(loc=tf.zeros_like(mean), scale=tf.ones_like(stddev))
code = posterior.sample()
h = layers.fully_connected(code, 7 * 7 * 32)
h = tf.reshape(h, [-1, 7, 7, 32])
h = layers.conv2d_transpose(h, 16, 5, stride=2)                             # 14x14
logits = layers.conv2d_transpose(h, 1, 5, stride=2, activation_fn=None)     # 28x28
reconstruction = tf.reduce_sum(tf.nn.sigmoid_cross_entropy_with_logits(
    labels=images, logits=logits), [1, 2, 3])
kl = tf.reduce_sum(ds.kl_divergence(posterior, prior), 1)
loss = tf.reduce_mean(reconstruction + kl)
train = tf.train.AdamOptimizer(1e-3).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(201):
        batch, _ = mnist.train.next_batch(64)
        _, value = sess.run([train, loss], {x: batch})
        if step % 100 == 0:
            print("step", step, "loss", value)
    print("decoded", sess.run(tf.shape(logits), {x: mnist.test.images[:5]}))
