package com.finpulse.model.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.finpulse.common.registry.TrainingReport;
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
    @JsonProperty("entity_input") String entityInput,
    @JsonProperty("calibration") Map<String, Calibration> calibration,
    @JsonProperty("training") TrainingReport training) {

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

  /**
   * Temperature scaling of one task's probabilities, fitted on the dev split by minimising the
   * negative log-likelihood; the figures show what it did there.
   *
   * @param temperature the logits are divided by it before the softmax
   * @param devRows dev examples it was fitted on
   */
  public record Calibration(
      @JsonProperty("temperature") double temperature,
      @JsonProperty("dev_rows") int devRows,
      @JsonProperty("ece_before") double eceBefore,
      @JsonProperty("ece_after") double eceAfter,
      @JsonProperty("nll_before") double nllBefore,
      @JsonProperty("nll_after") double nllAfter) {}

  /** How the entity head's input is built; null for a model without one. */
  public com.finpulse.model.text.EntityInput entityInputOrDefault() {
    return entityInput == null
        ? com.finpulse.model.text.EntityInput.MARKED_PAIR
        : com.finpulse.model.text.EntityInput.parse(entityInput);
  }

  /** The temperature of a task, 1 when the model records none. */
  public double temperature(String task) {
    Calibration c = calibration == null ? null : calibration.get(task);
    return c == null ? 1.0 : c.temperature();
  }

  public ModelManifest withTraining(TrainingReport newTraining) {
    return derive(weightsFile, weightsSha256, calibration, newTraining);
  }

  public ModelManifest withWeights(String file, String sha256) {
    return derive(file, sha256, calibration, training);
  }

  public ModelManifest withCalibration(Map<String, Calibration> newCalibration) {
    return derive(weightsFile, weightsSha256, newCalibration, training);
  }

  /** A blend's manifest: this model's with another name and adapter shape, not yet calibrated. */
  public ModelManifest asBlend(String newName, Lora newLora, TrainingReport newTraining) {
    return new ModelManifest(
        format,
        newName,
        base,
        config,
        maxLength,
        pooling,
        textNormalization,
        newLora,
        fullFineTune,
        trainableLayerNorms,
        null,
        null,
        labels,
        entityInput,
        null,
        newTraining);
  }

  /** A copy with what a training run fills in replaced; the model's shape stays. */
  private ModelManifest derive(
      String file, String sha256, Map<String, Calibration> cal, TrainingReport newTraining) {
    return new ModelManifest(
        format,
        name,
        base,
        config,
        maxLength,
        pooling,
        textNormalization,
        lora,
        fullFineTune,
        trainableLayerNorms,
        file,
        sha256,
        labels,
        entityInput,
        cal,
        newTraining);
  }

  public record Lora(
      @JsonProperty("rank") int rank,
      @JsonProperty("alpha") double alpha,
      @JsonProperty("targets") String targets) {}
}
