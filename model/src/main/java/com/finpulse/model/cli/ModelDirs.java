package com.finpulse.model.cli;

import com.finpulse.model.serve.Classifiers;
import java.nio.file.Path;

/** Resolves {@code --model}: the given directory, or the shipped default. */
final class ModelDirs {

  private ModelDirs() {}

  static Path resolve(Path given) {
    return given != null ? given : Classifiers.defaultModelDir();
  }
}
