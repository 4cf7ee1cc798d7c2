package com.finpulse.common.streams;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The stable {@code group.instance.id} of one service instance: the configured one, else {@code
 * <host>-[<role>-]<hash of its state directory>}, unique per instance since two instances never
 * share a state directory, and the same again after a restart or a crash.
 */
public final class StaticMemberId {

  private StaticMemberId() {}

  /**
   * @param configured the id from the configuration; blank means derive one
   * @param role a prefix for the hash (e.g. {@code alerts}); empty for none
   * @param stateDir the instance's Kafka Streams state directory
   */
  public static String of(String configured, String role, Path stateDir) {
    return of(configured, role, stateDir, System.getenv());
  }

  static String of(String configured, String role, Path stateDir, Map<String, String> env) {
    if (configured != null && !configured.isBlank()) {
      return configured.trim();
    }
    String dir = stateDir.toAbsolutePath().normalize().toString();
    return host(env) + "-" + (role.isEmpty() ? "" : role + "-") + shortHash(dir);
  }

  private static String host(Map<String, String> env) {
    String name = env.get("HOSTNAME");
    if (name != null && !name.isBlank()) {
      return name.trim();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static String shortHash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
