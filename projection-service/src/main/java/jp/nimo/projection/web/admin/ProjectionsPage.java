package jp.nimo.projection.web.admin;

import io.swagger.v3.oas.annotations.Hidden;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.projection.admin.ProjectionAdminController;
import jp.nimo.projection.admin.ProjectionStatus;
import jp.nimo.projection.admin.RebuildProgress;
import jp.nimo.projection.admin.ReconciliationController;
import jp.nimo.projection.admin.ReconciliationReport;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read side's projections for the operator: status and position against the log's head, a rebuild
 * button each (posting to the read side's own API, which checks the role and the CSRF token), the table
 * and the rebuilds' progress polled while one runs, and the reconciliation with the event store, loaded after the page since it
 * compares every table.
 */
@Controller
@Hidden
public class ProjectionsPage {

    private final ProjectionAdminController projections;
    private final ReconciliationController reconciliation;
    private final ProcessorNames names;

    public ProjectionsPage(ProjectionAdminController projections, ReconciliationController reconciliation,
                           ProcessorNames names) {
        this.projections = projections;
        this.reconciliation = reconciliation;
        this.names = names;
    }

    @GetMapping("/admin/projections")
    public String page(@AuthenticationPrincipal NimoUser user, Model model) {
        state(user, model);
        return "admin/projections";
    }

    /** The table and the rebuilds' progress, as the fragment the page polls while a rebuild runs. */
    @GetMapping("/admin/projections/state")
    public String statePart(@AuthenticationPrincipal NimoUser user, Model model) {
        state(user, model);
        return "admin/projections :: state";
    }

    private void state(NimoUser user, Model model) {
        List<ProjectionStatus> all = projections.projections(user).projections();
        Map<String, RebuildProgress> rebuilds = new LinkedHashMap<>();
        for (ProjectionStatus projection : all) {
            latestRebuild(projection.name(), user).ifPresent(progress -> rebuilds.put(projection.name(), progress));
        }
        model.addAttribute("projections", all);
        model.addAttribute("names", names.of(all.stream().map(ProjectionStatus::name).toList()));
        model.addAttribute("rebuilds", rebuilds);
        model.addAttribute("running", rebuilds.values().stream().anyMatch(p -> "REBUILDING".equals(p.status()))
                || all.stream().anyMatch(p -> p.status() == ProjectionStatus.Status.REBUILDING));
    }

    @GetMapping("/admin/projections/reconciliation")
    public String reconciliation(@AuthenticationPrincipal NimoUser user, Model model) {
        ReconciliationReport report = reconciliation.reconcile(user);
        model.addAttribute("report", report);
        model.addAttribute("names", names.of(report.projections().stream().map(ReconciliationReport.Processor::name).toList()));
        return "admin/projections :: reconciliation";
    }

    private java.util.Optional<RebuildProgress> latestRebuild(String name, NimoUser user) {
        try {
            return java.util.Optional.of(projections.progress(name, user));
        } catch (NotFoundException neverRebuilt) {
            return java.util.Optional.empty();
        }
    }
}
