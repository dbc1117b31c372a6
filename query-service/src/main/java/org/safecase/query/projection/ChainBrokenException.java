package org.safecase.query.projection;

/**
 * An event that does not continue its incident's hash chain: its hash is not the hash of its content,
 * or its previousHash is not the hash of the last event applied (a forged, altered or out-of-place
 * record). It is dead-lettered with reason {@value #REASON} and NOT passed over: the incident's
 * checkpoint stays where it was, so the genuine next event still applies and the incident goes on.
 */
public class ChainBrokenException extends PoisonEventException {

    public static final String REASON = "CHAIN_BROKEN";

    public ChainBrokenException(String detail) {
        super(REASON + ": " + detail);
    }
}
