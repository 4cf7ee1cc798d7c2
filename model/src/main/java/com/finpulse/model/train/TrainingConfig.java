package com.finpulse.model.train;

import com.finpulse.model.bert.LoraConfig;
import com.finpulse.model.task.Pooling;
import com.finpulse.model.task.Task;
import com.finpulse.model.text.EntityInput;
import java.util.Set;

/**
 * Hyper-parameters of one training run.
 *
 * @param lora adapter settings, or null for a full fine-tune
 * @param lr peak learning rate of the encoder side (adapters, LayerNorms, or all weights)
 * @param headLr peak learning rate of the task heads
 * @param classWeightTasks tasks whose loss weights classes by sqrt(inverse frequency)
 * @param patience epochs without a better dev score before stopping early
 * @param maxMinutes wall-time budget; 0 for none. When reached, training stops after a final dev
 *     evaluation
 * @param entityInput how entity-task inputs are built (marked mentions or not)
 * @param stopAfterEpoch end this sitting after that epoch (0: run to the end); a later {@code
 *     --resume} goes on from there
 */
public record TrainingConfig(
    int epochs,
    int batchSize,
    double lr,
    double headLr,
    double warmupRatio,
    double weightDecay,
    LoraConfig lora,
    boolean trainLayerNorms,
    float hiddenDropout,
    float headDropout,
    int maxLength,
    Pooling pooling,
    Set<Task> classWeightTasks,
    long seed,
    int patience,
    double devFraction,
    double maxMinutes,
    EntityInput entityInput,
    int stopAfterEpoch) {

  public TrainingConfig {
    if (epochs <= 0 || batchSize <= 0 || lr <= 0 || headLr <= 0) {
      throw new IllegalArgumentException("epochs, batch size and learning rates must be positive");
    }
    classWeightTasks = Set.copyOf(classWeightTasks);
    entityInput = entityInput == null ? EntityInput.MARKED_PAIR : entityInput;
  }

  public boolean fullFineTune() {
    return lora == null;
  }
}
