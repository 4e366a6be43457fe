package dev.portcullis.protocol.sigv4;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The Regions a SigV4 credential scope may name, and the Region a request is then addressed to
 * (its {@code aws:RequestedRegion}). The valid Regions are those of AWS's standard partition,
 * listed in {@code regions.txt} from AWS's endpoint data ({@code tools/update-regions.sh}).
 *
 * <p>AWS's IAM endpoint takes only us-east-1 in the scope, but Portcullis serves IAM and STS on
 * one endpoint, and SDKs given an endpoint URL sign IAM with their configured Region, so any
 * valid Region is accepted for both. What a caller cannot do is choose the Region its policies
 * see: IAM is a global service whose one endpoint is in us-east-1 (IAM User Guide, "Denies
 * access to AWS based on the requested Region"), so an IAM request is always addressed to
 * us-east-1; an STS request to the Region it names, as STS's regional endpoints are. The SDKs'
 * pseudo-Region {@code aws-global} (which the AWS SDK for Java signs with when given it and an
 * endpoint override) stands for us-east-1, its credential scope in AWS's endpoint data.
 */
public final class SigningRegions {
  static final String GLOBAL = "aws-global";
  static final String IAM_REGION = "us-east-1";
  private static final Set<String> REGIONS = load();

  private SigningRegions() {}

  /** Whether a credential scope may name {@code region}. */
  public static boolean isValid(String region) {
    return REGIONS.contains(region) || region.equals(GLOBAL);
  }

  /** The Region a request to {@code service} signed for the valid {@code scopeRegion} is for. */
  public static String requested(String service, String scopeRegion) {
    return service.equals("iam") || scopeRegion.equals(GLOBAL) ? IAM_REGION : scopeRegion;
  }

  private static Set<String> load() {
    Set<String> regions = new HashSet<>();
    try (InputStream in = SigningRegions.class.getResourceAsStream("regions.txt")) {
      if (in == null) {
        throw new IllegalStateException("regions.txt is missing from the protocol module");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in,
          StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String region = line.strip();
        if (!region.isEmpty() && !region.startsWith("#")) {
          regions.add(region);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(regions);
  }
}
