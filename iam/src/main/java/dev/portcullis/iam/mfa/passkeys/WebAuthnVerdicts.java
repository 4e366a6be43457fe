package dev.portcullis.iam.mfa.passkeys;

import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.verifier.exception.BadAlgorithmException;
import com.webauthn4j.verifier.exception.BadAttestationStatementException;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadClientDataHashException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.BadTopOriginException;
import com.webauthn4j.verifier.exception.CrossOriginException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.MissingChallengeException;
import com.webauthn4j.verifier.exception.NotAllowedAlgorithmException;
import com.webauthn4j.verifier.exception.NotAllowedCredentialIdException;
import com.webauthn4j.verifier.exception.PublicKeyMismatchException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.VerificationException;
import dev.portcullis.iam.mfa.passkeys.PasskeyRefused.Reason;
import java.util.function.Supplier;

/** Turns webauthn4j's verdicts into a {@link PasskeyRefused} that names the failed check. */
final class WebAuthnVerdicts {
  private WebAuthnVerdicts() {}

  static <T> T verify(Supplier<T> verification) {
    try {
      return verification.get();
    } catch (PasskeyRefused e) {
      throw e;
    } catch (VerificationException e) {
      throw new PasskeyRefused(reason(e));
    } catch (DataConversionException e) {
      throw new PasskeyRefused(Reason.MALFORMED);
    } catch (RuntimeException e) {
      // Whatever a client sends must end in a refusal, never a server error. webauthn4j
      // reports much malformed input as other exceptions (a missing member as a null, a
      // number where an object belongs as a ClassCastException: found by the mutation test
      // in PasskeyCeremoniesTest), and the work verified here is only its reading of the
      // client's response.
      throw new PasskeyRefused(Reason.MALFORMED);
    }
  }

  private static Reason reason(VerificationException e) {
    if (e instanceof BadChallengeException || e instanceof MissingChallengeException) {
      return Reason.CHALLENGE;
    } else if (e instanceof BadOriginException || e instanceof BadTopOriginException
        || e instanceof CrossOriginException) {
      return Reason.ORIGIN;
    } else if (e instanceof BadRpIdException) {
      return Reason.RP_ID;
    } else if (e instanceof UserNotPresentException) {
      return Reason.USER_PRESENCE;
    } else if (e instanceof BadSignatureException || e instanceof BadClientDataHashException
        || e instanceof BadAttestationStatementException
        || e instanceof PublicKeyMismatchException) {
      return Reason.SIGNATURE;
    } else if (e instanceof NotAllowedAlgorithmException || e instanceof BadAlgorithmException) {
      return Reason.ALGORITHM;
    } else if (e instanceof MaliciousCounterValueException) {
      return Reason.POSSIBLE_CLONE;
    } else if (e instanceof NotAllowedCredentialIdException) {
      return Reason.UNKNOWN_CREDENTIAL;
    }
    return Reason.REFUSED;
  }
}
