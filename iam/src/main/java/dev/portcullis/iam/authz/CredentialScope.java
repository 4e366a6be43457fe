package dev.portcullis.iam.authz;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.util.Set;

/**
 * What temporary credentials may call at all, whatever the policies say (AWS's comparison of
 * STS credentials): GetSessionToken credentials call IAM only if MFA was proved, and of STS only
 * AssumeRole and GetCallerIdentity; GetFederationToken credentials call no IAM operation and of
 * STS only GetCallerIdentity. Other services (CloudTrail) are left to the policies, as AWS
 * leaves them.
 */
final class CredentialScope {
  private static final Set<String> SESSION_TOKEN_STS = Set.of("AssumeRole", "GetCallerIdentity");

  private CredentialScope() {}

  static void check(Caller caller, String service, String operation) {
    if (caller instanceof Caller.InRole || caller.session().isEmpty()) {
      return;
    }
    StsSession session = caller.session().get();
    boolean iam = service.equals("iam");
    if (!iam && !service.equals("sts")) {
      return;
    }
    if (caller instanceof Caller.FederatedUserSession) {
      if (iam || !operation.equals("GetCallerIdentity")) {
        throw refused(caller, service, operation, "GetFederationToken");
      }
      return;
    }
    if (iam ? session.mfaAuthenticatedAt() == null : !SESSION_TOKEN_STS.contains(operation)) {
      throw refused(caller, service, operation, iam ? "GetSessionToken without MFA"
          : "GetSessionToken");
    }
  }

  private static AwsException refused(Caller caller, String service, String operation,
      String issuer) {
    return AwsException.of(ErrorCode.ACCESS_DENIED,
        "User: %s is not authorized to perform: %s:%s because credentials from %s cannot call "
        + "it", caller.principalArn(), service, operation, issuer);
  }
}
