package org.safecase.web.incident;

import org.safecase.web.layout.Answers;
import org.safecase.web.layout.PageError;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.safecase.web.incident.CaseCommands.body;

/** The case page's evidence and devices: evidence recorded, a device taken from a person and handed over. */
@Controller
class EvidenceController {

    private static final CaseForm EVIDENCE = new CaseForm("evidence", "evidence", "Evidence recorded")
            .withFields(Map.of("capturedAt", "capturedAt-day"));
    private static final CaseForm DEVICE = new CaseForm("device", "devices", "Device recorded")
            .withFields(Map.of("seizedAt", "seizedAt-day"));
    private static final CaseForm HANDOVER = new CaseForm("handover", "devices/{deviceId}/handover",
            "Handover of the device recorded").withFields(Map.of("at", "at-day"));

    private final CaseCommands commands;

    EvidenceController(CaseCommands commands) {
        this.commands = commands;
    }

    @PostMapping("/incidents/{id}/record-evidence")
    String recordEvidence(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                          RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = new ArrayList<>();
        return commands.perform(id, EVIDENCE, answers, body(
                "kind", answers.get("evidence-kind"),
                "description", answers.get("evidence-description"),
                "url", answers.get("evidence-url"),
                "capturedAt", answers.dateTimeIfAnswered("evidence-capturedAt",
                        "Enter when it was captured as a real date and time, or leave it blank", errors).orElse(null),
                "heldAt", answers.get("evidence-heldAt")), errors, model, redirect);
    }

    @PostMapping("/incidents/{id}/seize-device")
    String seizeDevice(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                       RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = new ArrayList<>();
        return commands.perform(id, DEVICE, answers, body(
                "description", answers.get("device-description"),
                "ownerReference", answers.get("device-ownerReference"),
                "legalBasis", answers.get("device-legalBasis"),
                "seizedAt", answers.dateTime("device-seizedAt", "Enter when it was taken as a real date and time",
                        errors).orElse(null)), errors, model, redirect);
    }

    @PostMapping("/incidents/{id}/hand-over-device")
    String handOver(@PathVariable UUID id, @RequestParam Map<String, String> submitted, Model model,
                    RedirectAttributes redirect) {
        Answers answers = Answers.of(submitted);
        List<PageError> errors = new ArrayList<>();
        UUID deviceId = deviceId(answers.get("handover-deviceId"));
        if (deviceId == null) {
            errors.add(PageError.at("handover-deviceId", "Select the device handed over"));
        }
        return commands.perform(id, HANDOVER, answers, body(
                "to", answers.get("handover-to"),
                "at", answers.dateTime("handover-at", "Enter when it was handed over as a real date and time", errors)
                        .orElse(null)), errors, model, redirect, deviceId);
    }

    private static UUID deviceId(String answer) {
        try {
            return answer == null ? null : UUID.fromString(answer);
        } catch (IllegalArgumentException notADevice) {
            return null;
        }
    }
}
