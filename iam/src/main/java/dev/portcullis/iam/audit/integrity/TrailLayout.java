package dev.portcullis.iam.audit.integrity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where CloudTrail puts log and digest files, and how it writes their times; an export of the
 * trail uses the same layout under its directory (the "bucket").
 */
public final class TrailLayout {
  /** The digestS3Bucket of every digest: the export directory stands for it. */
  public static final String BUCKET = "portcullis";
  public static final String TRAIL = "portcullis";
  /** IAM and STS are global: CloudTrail records their events in us-east-1. */
  public static final String REGION = "us-east-1";
  /** At most this many events per log file, so a file is checked in bounded memory. */
  public static final int EVENTS_PER_LOG_FILE = 1000;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private TrailLayout() {}

  /** CloudTrail's digest and event times: 2015-08-17T15:01:31Z. */
  public static String time(Instant t) {
    return TIME.format(t);
  }

  public static Instant parseTime(String text) {
    return Instant.from(TIME.parse(text));
  }

  /**
   * AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_UNIQUE
   * .json.gz, where the time is the newest event's and UNIQUE the first event's position.
   */
  public static String logFile(String account, String region, Instant newest, long firstSeq) {
    return "AWSLogs/" + account + "/CloudTrail/" + region + "/" + DAY.format(newest) + "/"
        + account + "_CloudTrail_" + region + "_" + MINUTE.format(newest) + "_"
        + String.format("%016d", firstSeq) + ".json.gz";
  }

  /**
   * AWSLogs/ACCOUNT/CloudTrail-Digest/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail-Digest_REGION_TRAIL_
   * REGION_YYYYMMDDTHHmmssZ.json.gz, dated by the digest's end.
   */
  public static String digestFile(String account, String region, Instant end) {
    return "AWSLogs/" + account + "/CloudTrail-Digest/" + region + "/" + DAY.format(end) + "/"
        + account + "_CloudTrail-Digest_" + region + "_" + TRAIL + "_" + region + "_"
        + SECOND.format(end) + ".json.gz";
  }

  /**
   * CloudTrail's data signing string: the digest end time, the digest's bucket/object, the hex
   * SHA-256 of the (uncompressed) digest file, and the previous digest's signature ("null"
   * for the first), one per line.
   */
  public static String stringToSign(String endTime, String objectName, String documentSha256,
      String previousSignature) {
    return endTime + "\n" + BUCKET + "/" + objectName + "\n" + documentSha256 + "\n"
        + (previousSignature == null ? "null" : previousSignature);
  }
}
