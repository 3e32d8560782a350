package jp.nimo.projection.issueplane.board;

import jp.nimo.issues.IssueState;
import jp.nimo.reference.AreaLevel;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Categories;
import jp.nimo.reference.Council;
import jp.nimo.reference.Councils;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.reference.RegionCode;
import jp.nimo.validation.FieldError;
import jp.nimo.validation.InvalidInputException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The board's filters, checked against the reference data so that a typo is a 400 naming the
 * parameter rather than an empty board.
 *
 * @param states  any of these states (comma-separated in the query); empty for all
 * @param region  issues about the region and about its municipalities
 * @param council issues on the council's agenda, and the not yet promoted ones in its area
 */
public record BoardFilter(Set<IssueState> states, String category, String municipality, String region,
                          Council council) {

    public static BoardFilter parse(String state, String category, String municipality, String region,
                                    String councilId, Areas areas, Categories categories, Councils councils) {
        List<FieldError> errors = new ArrayList<>();
        Set<IssueState> states = EnumSet.noneOf(IssueState.class);
        if (given(state)) {
            for (String name : state.split(",")) {
                try {
                    states.add(IssueState.valueOf(name.trim()));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("state", "must be one or more of " + List.of(IssueState.values())));
                    break;
                }
            }
        }
        if (given(category) && categories.category(category).isEmpty()) {
            errors.add(new FieldError("category", "is not a known category (see GET /api/reference/categories)"));
        }
        if (given(municipality) && !isKnownMunicipality(areas, municipality)) {
            errors.add(new FieldError("municipality", "is not a known municipality code"));
        }
        if (given(region) && !isKnownRegion(areas, region)) {
            errors.add(new FieldError("region", "is not a known region code"));
        }
        Council council = null;
        if (given(councilId)) {
            council = councils.council(councilId).orElse(null);
            if (council == null) {
                errors.add(new FieldError("councilId", "is not a known council (see GET /api/reference/councils)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new BoardFilter(states, blankToNull(category), blankToNull(municipality), blankToNull(region), council);
    }

    /** The prefecture a prefectural council covers as a whole ("council-13" covers prefecture 13). */
    String councilPrefecture() {
        return council != null && council.level() == AreaLevel.PREFECTURE ? council.id().substring("council-".length())
                : null;
    }

    private static boolean isKnownMunicipality(Areas areas, String code) {
        try {
            return areas.isKnown(MunicipalityCode.of(code));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isKnownRegion(Areas areas, String code) {
        try {
            return areas.region(RegionCode.of(code)).isPresent();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }

    private static String blankToNull(String value) {
        return given(value) ? value.trim() : null;
    }
}
