package jp.nimo.issues;

import java.time.LocalDate;

/** A milestone of the plan's roadmap. */
public record Milestone(LocalDate due, String title) {
}
