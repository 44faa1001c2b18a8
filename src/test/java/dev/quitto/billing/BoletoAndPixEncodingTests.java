package dev.quitto.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Acceptance items 19-24 of billing.md: due-date factor, FEBRABAN barcode and line, PIX BR Code with CRC16. */
class BoletoAndPixEncodingTests {

    static final BillingSettings.Beneficiary QUITTO = new BillingSettings.Beneficiary("237", "1234", "09", "0012345",
            "QUITTO COBRANCAS LTDA", "11222333000181", "123e4567-e12b-12d1-a456-426655440000", "SAO PAULO");

    @ParameterizedTest(name = "{0} has factor {1}")
    @CsvSource({"2000-07-03,1000", "2024-01-19,9600", "2025-02-21,9999", "2025-02-22,1000", "2026-12-15,1661", "2049-10-13,9999"})
    void dueDateFactorRestartsAt1000On20250222(LocalDate due, int factor) {
        assertThat(Boleto.dueDateFactor(due)).isEqualTo(factor);
    }

    @Test
    void datesOutsideTheTwoCyclesHaveNoFactor() {
        assertThat(Boleto.expressible(LocalDate.of(2000, 7, 2))).isFalse();
        assertThat(Boleto.expressible(LocalDate.of(2049, 10, 14))).isFalse();
        assertThatThrownBy(() -> Boleto.dueDateFactor(LocalDate.of(1999, 12, 31))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reproducesTheCaelumStellaBradescoVector() {
        BillingSettings.Beneficiary stella = new BillingSettings.Beneficiary("237", "2949", "06", "0006580", "QUITTO COBRANCAS LTDA",
                "11222333000181", "123e4567-e12b-12d1-a456-426655440000", "SAO PAULO");

        String barcode = Boleto.barcode(stella, 3, 100, LocalDate.of(2006, 6, 10));

        assertThat(barcode).isEqualTo("23796316800000001002949060000000000300065800");
        assertThat(Boleto.formatted(Boleto.digitableLine(barcode))).isEqualTo("23792.94909 60000.000004 03000.658009 6 31680000000100");
    }

    @Test
    void elijahSantosWithNossoNumero1() {
        String barcode = Boleto.barcode(QUITTO, 1, 781_100, LocalDate.of(2024, 1, 19));

        assertThat(barcode).isEqualTo("23796960000007811001234090000000000100123450");
        assertThat(Boleto.digitableLine(barcode)).hasSize(47);
        assertThat(Boleto.formatted(Boleto.digitableLine(barcode))).isEqualTo("23791.23405 90000.000001 01001.234507 6 96000000781100");
    }

    @Test
    void generalCheckDigitOf11BecomesOne() {
        String barcode = Boleto.barcode(QUITTO, 4, 781_100, LocalDate.of(2024, 1, 19));

        assertThat(barcode).isEqualTo("23791960000007811001234090000000000400123450");
        assertThat(Boleto.formatted(Boleto.digitableLine(barcode))).isEqualTo("23791.23405 90000.000001 04001.234501 1 96000000781100");
    }

    @Test
    void dueDateAfterTheResetUsesTheSecondCycle() {
        assertThat(Boleto.barcode(QUITTO, 1, 781_100, LocalDate.of(2026, 12, 15))).isEqualTo("23797166100007811001234090000000000100123450");
    }

    @Test
    void pixPayloadForNossoNumero1() {
        assertThat(PixCode.payload(QUITTO, 1, "7811.00")).isEqualTo("00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000"
                + "52040000530398654077811.005802BR5921QUITTO COBRANCAS LTDA6009SAO PAULO62180514QTO0000000000163043274");
    }

    @Test
    void crcReproducesTheCentralBankManualExample() {
        String published = "00020126330014BR.GOV.BCB.PIX01111234567890052040000530398654041.005802BR5914Nome Sobrenome"
                + "6015Cidade Ficticia62100506LOJA016304C8E4";

        assertThat(PixCode.crc16Hex(published.substring(0, published.length() - 4))).isEqualTo("C8E4");
    }

    @Test
    void crcOfTheStandardCheckStringIs29B1() {
        assertThat(PixCode.crc16Hex("123456789")).isEqualTo("29B1");
    }
}
