package jp.nimo.issues;

import jp.nimo.reference.Area;

import java.util.Objects;

/** What an issue is about: its category, its area and the population concerned. */
public record Scope(String category, Area area, Population population) {

    public Scope {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(population, "population");
    }
}
