#!/usr/bin/env python3
"""Writes an Apple Health export.xml of about SIZE_MB megabytes with the real file's structure
(the internal DTD subset of HealthKit Export Version 3 as in the tdda sample, ExportDate, Me,
then Records of many types from two overlapping sources with MetadataEntry children,
Correlations, Workouts with WorkoutStatistics, ActivitySummaries), in date order.
Usage: generate_health.py OUT.xml [SIZE_MB=1024]"""
import random
import sys

PROLOG_FIXTURE = "Tests/MileQuestKitTests/Fixtures/health/export6s3sample.xml"


def prolog(root):
    text = open(f"{root}/{PROLOG_FIXTURE}", encoding="utf-8").read()
    return text[: text.index("]>") + 2] + "\n"


def main(out, size_mb, root):
    rng = random.Random(17)
    limit = size_mb * 1024 * 1024
    sources = [
        ('Ana’s iPhone', '16.1', '&lt;&lt;HKDevice: 0x281b0c2d0&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone13,2, software:16.1&gt;'),
        ('Ana’s Apple Watch', '9.1', '&lt;&lt;HKDevice: 0x281b0c3c0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:9.1&gt;'),
    ]
    others = [
        ("HKQuantityTypeIdentifierHeartRate", "count/min", lambda: f"{rng.randint(55, 160)}"),
        ("HKQuantityTypeIdentifierActiveEnergyBurned", "Cal", lambda: f"{rng.random() * 3:.3f}"),
        ("HKQuantityTypeIdentifierBasalEnergyBurned", "Cal", lambda: f"{rng.random() * 2:.3f}"),
        ("HKQuantityTypeIdentifierFlightsClimbed", "count", lambda: f"{rng.randint(1, 3)}"),
    ]
    written = 0
    with open(out, "w", encoding="utf-8") as f:
        def w(s):
            nonlocal written
            f.write(s)
            written += len(s.encode("utf-8"))
        w(prolog(root))
        w('<HealthData locale="en_GB">\n <ExportDate value="2026-11-30 20:00:00 +0000"/>\n')
        w(' <Me HKCharacteristicTypeIdentifierDateOfBirth="1990-01-01" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>\n')
        day = 0
        while written < limit:
            y, m, d = 2016 + day // 336, 1 + (day // 28) % 12, 1 + day % 28
            date = f"{y:04d}-{m:02d}-{d:02d}"
            for minute in range(0, 24 * 60, 3):
                if written >= limit:
                    break
                name, version, device = sources[minute // 3 % 2]
                start = f"{date} {minute // 60:02d}:{minute % 60:02d}:00 +0100"
                end = f"{date} {minute // 60:02d}:{minute % 60:02d}:59 +0100"
                head = f'sourceName="{name}" sourceVersion="{version}" device="{device}" unit='
                if minute % 9 == 0:
                    typ, unit, value = rng.choice(others)
                    w(f' <Record type="{typ}" {head}"{unit}" creationDate="{end}" startDate="{start}" endDate="{end}" value="{value()}">\n')
                    w('  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n </Record>\n')
                w(f' <Record type="HKQuantityTypeIdentifierStepCount" {head}"count" creationDate="{end}" startDate="{start}" endDate="{end}" value="{rng.randint(5, 140)}"/>\n')
                w(f' <Record type="HKQuantityTypeIdentifierDistanceWalkingRunning" {head}"km" creationDate="{end}" startDate="{start}" endDate="{end}" value="{rng.random() / 10:.5f}"/>\n')
            w(f' <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Omron" creationDate="{date} 08:00:00 +0100" startDate="{date} 08:00:00 +0100" endDate="{date} 08:00:00 +0100">\n')
            w(f'  <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" sourceName="Omron" unit="mmHg" startDate="{date} 08:00:00 +0100" endDate="{date} 08:00:00 +0100" value="120"/>\n </Correlation>\n')
            w(f' <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="41.5" durationUnit="min" sourceName="Ana’s Apple Watch" sourceVersion="9.1" creationDate="{date} 18:45:00 +0100" startDate="{date} 18:00:00 +0100" endDate="{date} 18:41:30 +0100">\n')
            w(f'  <MetadataEntry key="HKIndoorWorkout" value="0"/>\n  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="{date} 18:00:00 +0100" endDate="{date} 18:41:30 +0100" sum="3.42" unit="km"/>\n')
            w(f'  <WorkoutRoute sourceName="Ana’s Apple Watch" sourceVersion="9.1" creationDate="{date} 18:45:00 +0100" startDate="{date} 18:00:00 +0100" endDate="{date} 18:41:30 +0100">\n   <FileReference path="/workout-routes/route_{date}_6.41pm.gpx"/>\n  </WorkoutRoute>\n </Workout>\n')
            w(f' <ActivitySummary dateComponents="{date}" activeEnergyBurned="420" activeEnergyBurnedGoal="500" activeEnergyBurnedUnit="Cal" appleMoveTime="0" appleMoveTimeGoal="0" appleExerciseTime="35" appleExerciseTimeGoal="30" appleStandHours="11" appleStandHoursGoal="12"/>\n')
            day += 1
        w("</HealthData>\n")


if __name__ == "__main__":
    import os
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1024, root)
