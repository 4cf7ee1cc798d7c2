package com.finpulse.model.weights;

/**
 * Base encoder weights plus what identifies them.
 *
 * @param baseId {@code minilm}, {@code bge-small}, {@code e5-small} or a checkpoint directory
 * @param sha256 of the weight file the tensors came from (ONNX resource or model.safetensors)
 * @param tokenizerJson the Hugging Face tokenizer.json that belongs to the weights
 */
public record LoadedEncoder(
    String baseId, String sha256, BertWeights weights, byte[] tokenizerJson) {}
