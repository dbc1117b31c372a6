package org.safecase.events;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merkle tree hashing of RFC 9162 (Certificate Transparency v2, section 2.1) over SHA-256: the tree head
 * that signed checkpoints commit to, and consistency proofs that a later tree extends an earlier one.
 * A leaf's data is an event's 32-byte hash; leaf hash = SHA-256(0x00 || data), node hash =
 * SHA-256(0x01 || left || right), the empty tree's hash = SHA-256(""). The JDK only, so the independent
 * verifier can use it as it is.
 */
public final class MerkleTree {

    private MerkleTree() {
    }

    public static byte[] leafHash(byte[] data) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        sha.update(data);
        return sha.digest();
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** MTH(D[n]) of the given leaf hashes (already hashed with {@link #leafHash}). */
    public static byte[] root(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return sha256().digest();
        }
        return subtreeRoot(leafHashes, 0, leafHashes.size());
    }

    private static byte[] subtreeRoot(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = largestPowerOfTwoBelow(n);
        return nodeHash(subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
    }

    /** PROOF(m, D[n]): the consistency proof that the first {@code m} leaves' tree is a prefix of all of them. */
    public static List<byte[]> consistencyProof(int m, List<byte[]> leafHashes) {
        int n = leafHashes.size();
        if (m <= 0 || m > n) {
            throw new IllegalArgumentException("a consistency proof needs 0 < m <= n");
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(m, leafHashes, 0, n, true, proof);
        return proof;
    }

    private static void subproof(int m, List<byte[]> leaves, int from, int to, boolean complete, List<byte[]> proof) {
        int n = to - from;
        if (m == n) {
            if (!complete) {
                proof.add(subtreeRoot(leaves, from, to));
            }
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, leaves, from, from + k, complete, proof);
            proof.add(subtreeRoot(leaves, from + k, to));
        } else {
            subproof(m - k, leaves, from + k, to, false, proof);
            proof.add(subtreeRoot(leaves, from, from + k));
        }
    }

    /** RFC 9162 section 2.1.4.2: whether {@code proof} shows the tree of size {@code first} is a prefix of {@code second}'s. */
    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot, List<byte[]> proof) {
        if (first == second) {
            return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        }
        if (first <= 0 || first > second || proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot) && sn == 0;
    }

    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
