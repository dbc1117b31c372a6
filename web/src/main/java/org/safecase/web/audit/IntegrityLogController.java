package org.safecase.web.audit;

import org.safecase.events.CheckpointNotes;
import org.safecase.events.MerkleTree;
import org.safecase.web.layout.Answers;
import org.safecase.web.layout.PageError;
import org.safecase.web.services.CommandService;
import org.safecase.web.services.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * For auditors: the integrity log's latest signed checkpoint, its signature checked here against the key the command
 * service publishes, and a checkpoint the auditor kept from an earlier visit compared with it: the consistency proof
 * (RFC 9162) is checked here, so a history rewritten since then shows as such. The same checks as the verifier's
 * ({@link CheckpointNotes}, {@link MerkleTree}); the verifier, with the key pinned, is the independent proof.
 */
@Controller
class IntegrityLogController {

    private static final Pattern ROOT = Pattern.compile("[0-9a-fA-F]{64}");

    /** What the comparison with a kept checkpoint found. */
    record Comparison(long keptSize, long latestSize, boolean consistent) {
    }

    private final CommandService command;

    IntegrityLogController(CommandService command) {
        this.command = command;
    }

    @GetMapping("/audit/checkpoints")
    String latest(Model model) {
        return page(Answers.none(), List.of(), null, model);
    }

    @PostMapping("/audit/checkpoints")
    String compare(@RequestParam Map<String, String> submitted, Model model) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = new ArrayList<>();
        long keptSize = 0;
        try {
            keptSize = Long.parseLong(answers.get("kept-size") == null ? "" : answers.get("kept-size").trim());
        } catch (NumberFormatException notANumber) {
            keptSize = 0;
        }
        if (keptSize < 1) {
            errors.add(PageError.at("kept-size", "Enter the kept checkpoint's tree size, a whole number such as 1042"));
        }
        String keptRoot = answers.get("kept-root") == null ? "" : answers.get("kept-root").trim();
        if (!ROOT.matcher(keptRoot).matches()) {
            errors.add(PageError.at("kept-root", "Enter the kept checkpoint's root hash: 64 letters and digits, 0 to 9 and a to f"));
        }
        Optional<CommandService.Checkpoint> latest = latest();
        if (errors.isEmpty() && latest.isPresent() && keptSize > latest.get().treeSize()) {
            errors.add(PageError.at("kept-size", "The kept checkpoint is larger than the latest signed one ("
                    + latest.get().treeSize() + " events): check the size you kept"));
        }
        if (!errors.isEmpty() || latest.isEmpty()) {
            return page(answers, errors, null, model);
        }
        CommandService.Checkpoint now = latest.get();
        List<byte[]> proof = command.consistency(keptSize, now.treeSize()).proof().stream()
                .map(HexFormat.of()::parseHex).toList();
        boolean consistent = MerkleTree.verifyConsistency(keptSize, now.treeSize(), HexFormat.of().parseHex(keptRoot),
                HexFormat.of().parseHex(now.rootHash()), proof);
        return page(answers, List.of(), new Comparison(keptSize, now.treeSize(), consistent), model);
    }

    private String page(Answers answers, List<PageError> errors, Comparison comparison, Model model) {
        Optional<CommandService.Checkpoint> checkpoint = latest();
        model.addAttribute("answers", answers);
        model.addAttribute("pageErrors", errors);
        model.addAttribute("comparison", comparison);
        model.addAttribute("checkpoint", checkpoint.orElse(null));
        checkpoint.ifPresent(signed -> {
            Optional<CommandService.SigningKey> key = command.signingKeys().stream()
                    .filter(k -> k.keyId().equals(signed.keyId())).findFirst();
            model.addAttribute("key", key.orElse(null));
            model.addAttribute("signatureValid", key.map(k -> CheckpointNotes.verifies(k.publicKey(),
                    CheckpointNotes.body(signed.origin(), signed.treeSize(), HexFormat.of().parseHex(signed.rootHash()),
                            signed.signedAt()), signed.signature())).orElse(false));
        });
        return "integrity-log";
    }

    /** The latest signed checkpoint, or empty before the first is signed (404 NO_CHECKPOINT). */
    private Optional<CommandService.Checkpoint> latest() {
        try {
            return Optional.ofNullable(command.latestCheckpoint());
        } catch (ServiceProblem problem) {
            if (problem.status() == 404) {
                return Optional.empty();
            }
            throw problem;
        }
    }
}
