#!/bin/bash
# every keras.applications constructor not already in tests/golden/keras/models (NASNet excluded)
for pair in resnet152:ResNet152 resnet101v2:ResNet101V2 resnet152v2:ResNet152V2 mobilenetv3large:MobileNetV3Large \
  densenet169:DenseNet169 densenet201:DenseNet201 efficientnetb1:EfficientNetB1 efficientnetb2:EfficientNetB2 \
  efficientnetb3:EfficientNetB3 efficientnetb4:EfficientNetB4 efficientnetb5:EfficientNetB5 efficientnetb6:EfficientNetB6 \
  efficientnetb7:EfficientNetB7 efficientnetv2b1:EfficientNetV2B1 efficientnetv2b2:EfficientNetV2B2 efficientnetv2b3:EfficientNetV2B3 \
  efficientnetv2s:EfficientNetV2S efficientnetv2m:EfficientNetV2M efficientnetv2l:EfficientNetV2L \
  convnextsmall:ConvNeXtSmall convnextbase:ConvNeXtBase convnextlarge:ConvNeXtLarge convnextxlarge:ConvNeXtXLarge; do
  n=${pair%%:*}; f=${pair##*:}
  [ -f /work/scratch/apps/$n/layers.json.gz ] && continue
  flock /work/scratch/keras.lock env KERAS_BACKEND=torch COLUMNS=200 /work/scratch/kvenv/bin/python /work/scratch/apps/one_app.py $n $f 2>>/work/scratch/apps/err.log
done
