# The tutorials' helpers at their old homes: TF 0.5-0.6's g3doc, `from
# tensorflow.examples.tutorials import mnist`, and TF 1.13-1.15's tf.compat.v1 spelling.
from tensorflow.g3doc.tutorials.mnist import input_data as g3doc_input_data
from tensorflow.examples.tutorials import mnist
import tensorflow as tf

data = mnist.input_data.read_data_sets("MNIST_data/", one_hot=True)
print("one input_data:", g3doc_input_data is mnist.input_data)
print("numpy_input_fn:", callable(tf.compat.v1.estimator.inputs.numpy_input_fn))
x = tf.compat.v1.placeholder(tf.float32, [None, 784])
y_ = tf.compat.v1.placeholder(tf.float32, [None, 10])
W = tf.Variable(tf.zeros([784, 10]))
b = tf.Variable(tf.zeros([10]))
logits = tf.matmul(x, W) + b
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_, logits=logits))
train = tf.compat.v1.train.GradientDescentOptimizer(0.5).minimize(loss)
with tf.compat.v1.Session() as sess:
    sess.run(tf.compat.v1.global_variables_initializer())
    for step in range(200):
        images, labels = data.train.next_batch(100)
        _, value = sess.run([train, loss], {x: images, y_: labels})
        if step % 100 == 0:
            print("loss", value)
    correct = tf.equal(tf.argmax(logits, 1), tf.argmax(y_, 1))
    print("accuracy", sess.run(tf.reduce_mean(tf.cast(correct, tf.float32)),
                               {x: data.test.images, y_: data.test.labels}))
