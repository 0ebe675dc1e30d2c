package io.proxyline.api.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.proxyline.api.phone.PhoneNumbers.NumberFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PhoneNumbers} looks the region up once instead of in every libphonenumber call; its answers
 * must stay those of libphonenumber's own calls, made one by one as before.
 */
class PhoneNumbersTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** The facts as computed before: isValidNumber, then each fact by its own libphonenumber call. */
    private static Optional<NumberFacts> reference(String text) {
        if (text == null || !text.startsWith("+") || text.length() > 16) return Optional.empty();
        PhoneNumber number;
        try {
            number = UTIL.parse(text, "ZZ");
        } catch (NumberParseException e) {
            return Optional.empty();
        }
        if (!UTIL.isValidNumber(number) || !UTIL.format(number, PhoneNumberFormat.E164).equals(text)) {
            return Optional.empty();
        }
        String nsn = UTIL.getNationalSignificantNumber(number);
        int areaCodeLength = UTIL.getLengthOfGeographicalAreaCode(number);
        return Optional.of(new NumberFacts(text, UTIL.getRegionCodeForNumber(number),
                areaCodeLength > 0 ? nsn.substring(0, areaCodeLength) : "",
                UTIL.getNumberType(number) == PhoneNumberType.TOLL_FREE));
    }

    @Test
    void everyRegionsExampleNumbersOfEveryTypeAndTheirNeighboursGetTheSameFacts() {
        List<String> candidates = new ArrayList<>();
        Random random = new Random(20261208);
        for (String region : UTIL.getSupportedRegions()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                if (example == null) continue;
                String e164 = UTIL.format(example, PhoneNumberFormat.E164);
                candidates.add(e164);
                // Neighbours: the last digits changed, one digit more or less — valid or not.
                for (int i = 0; i < 3; i++) {
                    int cut = 1 + random.nextInt(Math.min(4, e164.length() - 2));
                    candidates.add(e164.substring(0, e164.length() - cut)
                            + String.format("%0" + cut + "d", random.nextInt((int) Math.pow(10, cut))));
                }
                candidates.add(e164 + random.nextInt(10));
                candidates.add(e164.substring(0, e164.length() - 1));
            }
        }
        candidates.addAll(List.of("+1 2065550100", "+012065550100", "12065550100", "+", "", "+18005550100",
                "+12065550100", "+442079460000", "+99912345678"));
        int valid = 0;
        for (String text : candidates) {
            Optional<NumberFacts> expected = reference(text);
            assertThat(PhoneNumbers.parse(text)).as(text).isEqualTo(expected);
            assertThat(PhoneNumbers.isE164(text)).as(text).isEqualTo(expected.isPresent());
            expected.ifPresent(facts -> {
                PhoneNumbers.ValidNumber v = PhoneNumbers.valid(text).orElseThrow();
                assertThat(v.e164()).isEqualTo(facts.e164());
                assertThat(v.country()).isEqualTo(facts.country());
                assertThat(v.areaCode()).isEqualTo(facts.areaCode());
            });
            if (expected.isPresent()) valid++;
        }
        assertThat(valid).as("valid numbers among %d candidates", candidates.size()).isGreaterThan(1000);
        assertThat(candidates.size() - valid).as("invalid ones").isGreaterThan(1000);
    }

    @Test
    void aNullIsNotANumber() {
        assertThat(PhoneNumbers.parse(null)).isEmpty();
        assertThat(PhoneNumbers.valid(null)).isEmpty();
    }
}
