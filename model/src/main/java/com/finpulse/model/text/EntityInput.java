package com.finpulse.model.text;

import java.util.Locale;

/**
 * How the entity task's (text, target) input is built; recorded in {@code model.json}, since a
 * model must be served with the input it was trained on.
 */
public enum EntityInput {
  /** Mentions of the target wrapped in markers, and the target's name as the second segment. */
  MARKED_PAIR,
  /** The text as it is, and the target's name as the second segment. */
  PAIR;

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public boolean marksMentions() {
    return switch (this) {
      case MARKED_PAIR -> true;
      case PAIR -> false;
    };
  }

  public static EntityInput parse(String id) {
    for (EntityInput e : values()) {
      if (e.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown entity input '" + id + "' (marked-pair or pair)");
  }
}
