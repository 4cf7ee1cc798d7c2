package com.finpulse.model.bert;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * Counts the live NDArrays a manager and its sub-managers hold: the number that must stay flat in a
 * soak (a growing count is a leak into a long-lived manager). DJL keeps the registry in a protected
 * field, so it is read reflectively; on an engine without it the count is -1.
 */
public final class ArrayCensus {

  private static final Field RESOURCES = resourcesField();

  private ArrayCensus() {}

  public static long liveArrays(NDManager manager) {
    if (RESOURCES == null || !(manager instanceof BaseNDManager)) {
      return -1;
    }
    try {
      long n = 0;
      for (Object r : ((Map<?, ?>) RESOURCES.get(manager)).values()) {
        if (r instanceof NDArray) {
          n++;
        } else if (r instanceof NDManager m) {
          long c = liveArrays(m);
          if (c < 0) {
            return -1;
          }
          n += c;
        }
      }
      return n;
    } catch (IllegalAccessException e) {
      return -1;
    }
  }

  private static Field resourcesField() {
    try {
      Field f = BaseNDManager.class.getDeclaredField("resources");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
