# A 2018 post's standalone Keras 2 on TensorFlow 1: `import keras`, the layers from
# keras.layers.core and keras.layers.convolutional, the Session handed to Keras with
# keras.backend.set_session, ImageDataGenerator shifting the digits, a TF optimizer.
import tensorflow as tf
import keras
from keras import backend as K
from keras.layers.convolutional import Conv2D, MaxPooling2D
from keras.layers.core import Dense, Dropout, Flatten
from keras.preprocessing.image import ImageDataGenerator
from keras.utils.np_utils import to_categorical
from tensorflow.examples.tutorials.mnist import input_data

sess = tf.Session()
K.set_session(sess)
print("keras", keras.__version__.split(".")[0])
mnist = input_data.read_data_sets("MNIST_data/")
images = mnist.train.images[:3000].reshape(-1, 28, 28, 1)
labels = to_categorical(mnist.train.labels[:3000], 10)

x = tf.placeholder(tf.float32, [None, 28, 28, 1])
y_ = tf.placeholder(tf.float32, [None, 10])
h = Conv2D(16, (5, 5), activation="relu")(x)
h = MaxPooling2D((2, 2))(h)
h = Dropout(0.25)(Flatten()(h))
logits = Dense(10)(Dense(64, activation="relu")(h))
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=logits))
train_step = tf.train.AdamOptimizer(1e-3).minimize(loss)
correct = tf.equal(tf.argmax(logits, 1), tf.argmax(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))
sess.run(tf.global_variables_initializer())

shifted = ImageDataGenerator(width_shift_range=0.1, height_shift_range=0.1)
with sess.as_default():
    for step, (batch_x, batch_y) in enumerate(shifted.flow(images, labels, batch_size=50)):
        _, value = sess.run([train_step, loss], {x: batch_x, y_: batch_y, K.learning_phase(): 1})
        if step % 40 == 0:
            print("loss", value)
        if step == 160:
            break
test = {x: mnist.test.images[:2000].reshape(-1, 28, 28, 1),
        y_: to_categorical(mnist.test.labels[:2000], 10), K.learning_phase(): 0}
print("accuracy", sess.run(accuracy, test))
