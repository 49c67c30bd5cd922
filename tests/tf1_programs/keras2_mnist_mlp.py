# Keras 2's own examples/mnist_mlp.py of 2017, in its style: standalone Keras, Keras' MNIST
# loader, RMSprop(lr=...), fit with validation data, predict_classes; shortened.
from __future__ import print_function

import keras
from keras.datasets import mnist
from keras.layers import Dense, Dropout
from keras.models import Sequential
from keras.optimizers import RMSprop

batch_size = 128
num_classes = 10

(x_train, y_train), (x_test, y_test) = mnist.load_data()
x_train = x_train[:6000].reshape(6000, 784).astype('float32') / 255
x_test = x_test[:2000].reshape(2000, 784).astype('float32') / 255
print(x_train.shape[0], 'train samples')
y_train = keras.utils.to_categorical(y_train[:6000], num_classes)
y_test_digits = y_test[:2000]
y_test = keras.utils.to_categorical(y_test_digits, num_classes)

model = Sequential()
model.add(Dense(512, activation='relu', input_shape=(784,)))
model.add(Dropout(0.2))
model.add(Dense(num_classes, activation='softmax'))
model.compile(loss='categorical_crossentropy', optimizer=RMSprop(lr=0.001),
              metrics=['accuracy'])
history = model.fit(x_train, y_train, batch_size=batch_size, epochs=2, verbose=0,
                    validation_data=(x_test, y_test))
print('loss', history.history['loss'][0], '->', history.history['loss'][-1])
score = model.evaluate(x_test, y_test, verbose=0)
print('Test accuracy:', score[1])
print('predict_classes agree:', (model.predict_classes(x_test) == y_test_digits).mean())
