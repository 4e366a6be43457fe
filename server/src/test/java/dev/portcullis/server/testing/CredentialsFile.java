package dev.portcullis.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/** Reads one profile of an AWS CLI credentials file. */
public final class CredentialsFile {
  private CredentialsFile() {}

  public static AwsBasicCredentials read(Path file, String profile) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String id = null;
    String secret = null;
    boolean inProfile = false;
    for (String line : lines) {
      String t = line.trim();
      if (t.startsWith("[")) {
        inProfile = t.equals("[" + profile + "]");
      } else if (inProfile && t.contains("=")) {
        String key = t.substring(0, t.indexOf('=')).trim();
        String value = t.substring(t.indexOf('=') + 1).trim();
        if (key.equals("aws_access_key_id")) {
          id = value;
        } else if (key.equals("aws_secret_access_key")) {
          secret = value;
        }
      }
    }
    if (id == null || secret == null) {
      throw new IOException("profile " + profile + " not found in " + file);
    }
    return AwsBasicCredentials.create(id, secret);
  }
}
