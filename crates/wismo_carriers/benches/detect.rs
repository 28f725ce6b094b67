//! Benchmark of tracking-number detection: throughput over a fixed mix of valid numbers of
//! every carrier, in the shapes people paste them (spaces, lower case).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use wismo_carriers::detect::detect;

/// Fifty valid numbers, weighted towards the big four as real order traffic is.
const NUMBERS: [&str; 50] = [
    "1Z5R89390357567127",
    "1Z879E930346834440",
    "1Z410E7W0392751591",
    "1Z8V92A70367203024",
    "1z xx31 50yw 4407 0023",
    "K1506235620",
    "986578788855",
    "477179081230",
    "7995 3127 4483",
    "1001921334250001000300779017972697",
    "32971514560102447849175802862014",
    "0414 4176 0228 964",
    "00 0123 4500 0000 0027",
    "9611020987654312345672",
    "9622001560001234567100794808390594",
    "9400 1112 0108 0805 4830 16",
    "9405803699300124287899",
    "420787459400111206206406260787",
    "9505 5110 6960 5048 6006 24",
    "92748931507708513018050063",
    "9361 2898 7870 0317 6337 95",
    "4201028200009261290113185417468510",
    "420 11213 92 6129098349792366623 8",
    "0307 1790 0005 2348 3741",
    "7196 9010 7560 0307 7385",
    "420 22153 9101026837331000039521",
    "3318810025",
    "73891051146",
    "JJD0099999999",
    "GM2951173225174494",
    "60120172242323",
    "RB123456785GB",
    "LZ 123 456 785 US",
    "TBA010000000000",
    "0073938000549297",
    "D576002440000001718010",
    "0081 827 0998 0000 0200 45 327 276 N",
    "0998 0000 0200 34D",
    "GFUS01011884214464",
    "LTN74207623N1",
    "LX 176 35035",
    "1LS724505321754",
    "1LS7119013618127-1",
    "07209562763",
    "80993847369",
    "C11031500001879",
    "320606146993",
    "KYV009956937",
    "SP029692510000920746",
    "YT2229521272164446",
];

fn detection_throughput(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("detect");
    group.throughput(Throughput::Elements(NUMBERS.len() as u64));
    group.bench_function("mixed_valid_numbers", |bencher| {
        bencher.iter(|| {
            for number in NUMBERS {
                black_box(detect(black_box(number), None));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, detection_throughput);
criterion_main!(benches);
