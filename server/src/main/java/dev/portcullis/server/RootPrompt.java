package dev.portcullis.server;

import java.util.List;
import java.util.function.Function;

/**
 * Asks a person at a terminal for what the root user's first start lacks, only when an account
 * is being created (a start on an existing account asks nothing).
 */
public interface RootPrompt {
  /** The root user's e-mail address, or null to take {@code placeholder}. */
  String email(String placeholder);

  /**
   * The root user's password, asked until {@code reasons} finds nothing wrong with it (the
   * reasons are shown), or null to have one generated.
   */
  String password(String email, Function<String, List<String>> reasons);
}
