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
        Frontier frontier = new Frontier();
        leafHashes.forEach(frontier::append);
        return frontier.root();
    }

    /**
     * A tree's leaves from {@code from} (inclusive) to {@code to} (exclusive), a subtree of RFC 9162's tree when
     * {@code from} is a multiple of the largest power of two below {@code to - from}: the proofs' ranges are.
     */
    public record Range(long from, long to) {
    }

    /**
     * PROOF(m, D[n]) as ranges of leaves: the proof is the tree head of each range, in this order. Computed
     * without the leaves, so that a caller holding many can hash each range as it reads it.
     */
    public static List<Range> consistencyRanges(long m, long n) {
        if (m <= 0 || m > n) {
            throw new IllegalArgumentException("a consistency proof needs 0 < m <= n");
        }
        List<Range> ranges = new ArrayList<>();
        subproof(m, 0, n, true, ranges);
        return ranges;
    }

    /** PROOF(m, D[n]): the consistency proof that the first {@code m} leaves' tree is a prefix of all of them. */
    public static List<byte[]> consistencyProof(int m, List<byte[]> leafHashes) {
        return consistencyRanges(m, leafHashes.size()).stream()
                .map(range -> root(leafHashes.subList(Math.toIntExact(range.from()), Math.toIntExact(range.to()))))
                .toList();
    }

    private static void subproof(long m, long from, long to, boolean complete, List<Range> proof) {
        long n = to - from;
        if (m == n) {
            if (!complete) {
                proof.add(new Range(from, to));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, from, from + k, complete, proof);
            proof.add(new Range(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, proof);
            proof.add(new Range(from, from + k));
        }
    }

    /**
     * A tree's compact form: the roots of the perfect subtrees its leaves fall into, largest (leftmost) first, one
     * for each binary digit of its size that is 1. Enough to append leaves and to give the tree head, so a tree of
     * any size is hashed leaf by leaf in memory that grows with the logarithm of its size, and a tree whose compact
     * form was kept is extended by its new leaves only.
     */
    public static final class Frontier {

        private static final int HASH_LENGTH = 32;

        private final List<byte[]> roots = new ArrayList<>();
        private long size;

        public Frontier() {
        }

        /** The compact form {@link #packed()} gave for a tree of {@code size} leaves. */
        public static Frontier unpack(long size, byte[] packed) {
            if (size < 0 || packed.length != Long.bitCount(size) * HASH_LENGTH) {
                throw new IllegalArgumentException("a tree of " + size + " leaves has " + Long.bitCount(size)
                        + " subtree roots, not " + packed.length + " bytes of them");
            }
            Frontier frontier = new Frontier();
            for (int at = 0; at < packed.length; at += HASH_LENGTH) {
                frontier.roots.add(Arrays.copyOfRange(packed, at, at + HASH_LENGTH));
            }
            frontier.size = size;
            return frontier;
        }

        /** Appends the next leaf (already hashed with {@link #leafHash}). */
        public void append(byte[] leafHash) {
            byte[] carried = leafHash;
            // each trailing 1 of the size is a perfect subtree as large as the one being carried: join them
            for (long rest = size; (rest & 1) == 1; rest >>= 1) {
                carried = nodeHash(roots.remove(roots.size() - 1), carried);
            }
            roots.add(carried);
            size++;
        }

        public long size() {
            return size;
        }

        /** MTH of the leaves appended so far: each subtree root joined to the tree head of those right of it. */
        public byte[] root() {
            if (roots.isEmpty()) {
                return sha256().digest();
            }
            byte[] root = roots.get(roots.size() - 1);
            for (int i = roots.size() - 2; i >= 0; i--) {
                root = nodeHash(roots.get(i), root);
            }
            return root;
        }

        /** The subtree roots, largest first, 32 bytes each. */
        public byte[] packed() {
            byte[] packed = new byte[roots.size() * HASH_LENGTH];
            for (int i = 0; i < roots.size(); i++) {
                System.arraycopy(roots.get(i), 0, packed, i * HASH_LENGTH, HASH_LENGTH);
            }
            return packed;
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

    private static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
