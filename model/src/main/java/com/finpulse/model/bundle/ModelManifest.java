package com.finpulse.model.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.finpulse.model.bert.BertConfig;
import java.util.List;
import java.util.Map;

/**
 * {@code model.json}: everything needed to rebuild a trained model from its base weights and its
 * small adapter file, and what it was trained on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(
    @JsonProperty("format") String format,
    @JsonProperty("name") String name,
    @JsonProperty("base") Base base,
    @JsonProperty("config") BertConfig config,
    @JsonProperty("max_length") int maxLength,
    @JsonProperty("pooling") String pooling,
    @JsonProperty("text_normalization") String textNormalization,
    @JsonProperty("lora") Lora lora,
    @JsonProperty("full_fine_tune") boolean fullFineTune,
    @JsonProperty("trainable_layer_norms") boolean trainableLayerNorms,
    @JsonProperty("weights_file") String weightsFile,
    @JsonProperty("weights_sha256") String weightsSha256,
    @JsonProperty("labels") Map<String, List<String>> labels,
    @JsonProperty("training") JsonNode training) {

  public static final String FORMAT = "finpulse-model/1";

  /**
   * @param id {@code minilm}, {@code bge-small}, {@code e5-small} or a checkpoint directory
   * @param sha256 of the base weight file, verified at load
   */
  public record Base(
      @JsonProperty("id") String id,
      @JsonProperty("upstream") String upstream,
      @JsonProperty("artifact") String artifact,
      @JsonProperty("sha256") String sha256) {}

  public record Lora(
      @JsonProperty("rank") int rank,
      @JsonProperty("alpha") double alpha,
      @JsonProperty("targets") String targets) {}
}
