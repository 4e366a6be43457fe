package dev.portcullis.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code aws} command line against a server, with a given credentials file. */
public final class AwsCli {
  private final String endpoint;
  private final Path credentialsFile;
  private final String profile;

  public AwsCli(String endpoint, Path credentialsFile, String profile) {
    this.endpoint = endpoint;
    this.credentialsFile = credentialsFile;
    this.profile = profile;
  }

  /** The outcome of one command: exit code, standard output and standard error. */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /**
   * A CLI signing with another key: appends a profile {@code name} holding it to this CLI's
   * credentials file. {@code sessionToken} is null for a long-term key.
   */
  public AwsCli withProfile(String name, String accessKeyId, String secretAccessKey,
      String sessionToken) throws IOException {
    StringBuilder profile = new StringBuilder("\n[").append(name).append("]\naws_access_key_id = ")
        .append(accessKeyId).append("\naws_secret_access_key = ").append(secretAccessKey)
        .append('\n');
    if (sessionToken != null) {
      profile.append("aws_session_token = ").append(sessionToken).append('\n');
    }
    Files.writeString(credentialsFile, profile, StandardOpenOption.APPEND);
    return new AwsCli(endpoint, credentialsFile, name);
  }

  public Result run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("aws"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--endpoint-url", endpoint, "--output", "json"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_SHARED_CREDENTIALS_FILE", credentialsFile.toString());
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_PROFILE", profile);
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_PAGER", "");
    env.put("AWS_MAX_ATTEMPTS", "1");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("aws " + String.join(" ", args) + " timed out");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }
}
