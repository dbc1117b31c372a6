package org.safecase.web.services;

/** A service did not answer, or answered with its own failure: the page says to try again later. */
public final class ServiceUnavailable extends RuntimeException {

    public ServiceUnavailable(String service, Throwable cause) {
        super(service + " is not answering", cause);
    }
}
