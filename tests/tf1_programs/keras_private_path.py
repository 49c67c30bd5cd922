# A 2018 tutorial's Keras model through TensorFlow's private path (tf.keras did not import
# for its author), with Keras' own MNIST loader, saved as HDF5 in graph mode as on TF 1.x.
import numpy as np
import tensorflow as tf
from tensorflow.python.keras.models import Sequential, load_model
from tensorflow.python.keras.layers import Dense, Dropout, Flatten
from tensorflow.python.keras.optimizers import Adam
from tensorflow.python.keras.utils import to_categorical

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

model = Sequential()
model.add(Flatten(input_shape=(28, 28)))
model.add(Dense(128, activation='relu'))
model.add(Dropout(0.2))
model.add(Dense(10, activation='softmax'))
model.compile(optimizer=Adam(lr=0.001), loss='categorical_crossentropy', metrics=['accuracy'])
model.fit(x_train[:6000], to_categorical(y_train[:6000], 10), epochs=2, batch_size=64,
          verbose=0)
model.save('mnist_model.h5')
model.save('mnist_model.keras')  # Keras 2.13's format, from a notebook of its time
restored = load_model('mnist_model.h5')
loss, accuracy = restored.evaluate(x_test[:2000], to_categorical(y_test[:2000], 10), verbose=0)
print('shapes', x_train.shape, y_train.dtype, x_test.shape)
print('Test accuracy:', accuracy)
