package org.safecase.platform.privacy;

/** A field cannot be sealed: its key was destroyed, or never made. */
public class PersonalDataUnavailableException extends IllegalStateException {

    private final KeyStatus status;

    public PersonalDataUnavailableException(KeyStatus status) {
        super("the data key is " + status);
        this.status = status;
    }

    public KeyStatus status() {
        return status;
    }
}
