package jp.nimo.projection.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The index definitions of a live table, turned into the same indexes on a version's table. */
class ProjectionSchemasTest {

    @Test
    void anIndexKeepsItsNameAndDefinitionOnTheVersionsTable() {
        assertThat(ProjectionSchemas.onTable("CREATE INDEX issue_board_known_idx ON public.issue_board_version USING gist"
                        + " (tstzrange(recorded_from, recorded_to))", "issue_board_version",
                "proj_issue_plane_v2.issue_board_version"))
                .isEqualTo("CREATE INDEX issue_board_known_idx ON proj_issue_plane_v2.issue_board_version USING gist"
                        + " (tstzrange(recorded_from, recorded_to))");
        assertThat(ProjectionSchemas.onTable("CREATE UNIQUE INDEX case_file_idx ON ONLY case_file USING btree (case_id)",
                "case_file", "proj_case_timeline_v3.case_file"))
                .isEqualTo("CREATE UNIQUE INDEX case_file_idx ON ONLY proj_case_timeline_v3.case_file USING btree (case_id)");
    }

    @Test
    void anIndexOfAnotherTableIsRefused() {
        assertThatThrownBy(() -> ProjectionSchemas.onTable("CREATE INDEX x ON public.case_file USING btree (a)",
                "case_timeline_entry", "proj_case_timeline_v2.case_timeline_entry"))
                .isInstanceOf(IllegalStateException.class);
    }
}
