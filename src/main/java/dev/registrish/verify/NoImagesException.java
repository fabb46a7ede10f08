package dev.registrish.verify;

/** Verify was given no image and could not list any: no {@code --tree}, no {@code --image}, and no usable {@code /v2/_catalog}. */
public final class NoImagesException extends VerifyException {
  public NoImagesException(String message) {
    super(message);
  }
}
