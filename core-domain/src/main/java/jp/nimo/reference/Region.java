package jp.nimo.reference;

import java.util.List;

/** A region (二次保健医療圏) and its municipalities, in the order of the reference file. */
public record Region(RegionCode code, Label label, String prefectureCode, List<MunicipalityCode> municipalities) {

    public Region {
        municipalities = List.copyOf(municipalities);
    }
}
