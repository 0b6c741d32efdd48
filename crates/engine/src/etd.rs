//! Delivery promises: the next warehouse cutoff in the warehouse's own time zone, handling and
//! transit counted in working days (weekends and holidays skipped), and the resulting window.

use std::collections::HashSet;

use jiff::civil;
use jiff::tz::TimeZone;
use time::OffsetDateTime;

use domain::config::{day_flags, WarehouseSchedule, Weekday};

/// A warehouse's calendar: where it is in time and which days it works.
#[derive(Debug, Clone)]
pub struct WarehouseCalendar {
    tz: TimeZone,
    cutoff: civil::Time,
    handling_days: u32,
    working: [bool; 7],
    holidays: HashSet<civil::Date>,
}

/// When a parcel leaves and when it arrives, for one option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Promise {
    /// The cutoff the promise was computed against: order before it, or the promise moves.
    pub cutoff: OffsetDateTime,
    /// When the carrier collects the parcel (the cutoff of the shipping day).
    pub ship_time: OffsetDateTime,
    /// Start of the first possible delivery day, in the warehouse's zone.
    pub earliest: OffsetDateTime,
    /// End of the last possible delivery day.
    pub latest: OffsetDateTime,
    /// Calendar days from today (in the warehouse's zone) to the first and last delivery day.
    pub earliest_days: i32,
    pub latest_days: i32,
}

fn weekday_index(d: civil::Date) -> usize {
    d.weekday().to_monday_zero_offset() as usize
}

fn to_civil(d: time::Date) -> Option<civil::Date> {
    civil::Date::new(d.year() as i16, u8::from(d.month()) as i8, d.day() as i8).ok()
}

/// `None` outside jiff's range (years beyond ±9999): such inputs get no promise rather than
/// a panic. Clients' readiness times are bounded long before that.
fn timestamp(t: OffsetDateTime) -> Option<jiff::Timestamp> {
    jiff::Timestamp::from_nanosecond(t.unix_timestamp_nanos()).ok()
}

/// The instant with the warehouse's UTC offset at that instant: surfaces that show local
/// times (a promise "by midnight" is midnight where the warehouse is) keep it, others show UTC.
fn offset_date_time(z: &jiff::ZonedDateTime) -> Option<OffsetDateTime> {
    let utc = OffsetDateTime::from_unix_timestamp_nanos(z.timestamp().as_nanosecond()).ok()?;
    Some(
        match time::UtcOffset::from_whole_seconds(z.offset().seconds()) {
            Ok(offset) => utc.to_offset(offset),
            Err(_) => utc,
        },
    )
}

fn next_day(d: civil::Date) -> Option<civil::Date> {
    d.tomorrow().ok()
}

/// Gives up a calendar walk after this many days: a warehouse that never ships (every day a
/// holiday) gets no promise instead of a search without end.
const MAX_WALK_DAYS: u32 = 3_660;

impl WarehouseCalendar {
    /// The calendar of a checked schedule; only the zone is left to resolve.
    ///
    /// # Errors
    /// A message naming the field when the time zone is not in the database.
    pub fn new(schedule: &WarehouseSchedule) -> Result<Self, String> {
        let tz = TimeZone::get(&schedule.time_zone).map_err(|_| {
            format!(
                "time_zone: `{}` is not an IANA time-zone name",
                schedule.time_zone
            )
        })?;
        let cutoff = civil::Time::new(
            schedule.cutoff.hour() as i8,
            schedule.cutoff.minute() as i8,
            0,
            0,
        )
        .map_err(|_| "cutoff: out of range".to_owned())?;
        Ok(Self {
            tz,
            cutoff,
            handling_days: schedule.handling_days,
            working: schedule.working_days,
            holidays: schedule
                .holidays
                .iter()
                .filter_map(|d| to_civil(*d))
                .collect(),
        })
    }

    fn local_date(&self, t: OffsetDateTime) -> Option<civil::Date> {
        Some(timestamp(t)?.to_zoned_datetime(self.tz.clone()).date())
    }

    /// The instant of a local wall-clock time; in a spring-forward gap the later valid time, in
    /// an autumn overlap the earlier one.
    fn at(&self, d: civil::Date, time: civil::Time) -> Option<OffsetDateTime> {
        let zoned = self
            .tz
            .to_ambiguous_zoned_datetime(d.to_datetime(time))
            .compatible()
            .ok()?;
        offset_date_time(&zoned)
    }

    fn ships_on(&self, d: civil::Date) -> bool {
        self.working[weekday_index(d)] && !self.holidays.contains(&d)
    }

    fn delivers_on(&self, d: civil::Date, delivery_days: &[bool; 7]) -> bool {
        delivery_days[weekday_index(d)] && !self.holidays.contains(&d)
    }

    /// `days` further days on which `open` holds, after `from`; `None` past the end of the
    /// calendar or when no open day comes within [`MAX_WALK_DAYS`].
    fn advance(
        &self,
        mut from: civil::Date,
        days: u32,
        open: impl Fn(civil::Date) -> bool,
    ) -> Option<civil::Date> {
        for _ in 0..days {
            from = self.next_open(from, &open)?;
        }
        Some(from)
    }

    /// The first day after `from` on which `open` holds.
    fn next_open(
        &self,
        mut from: civil::Date,
        open: &impl Fn(civil::Date) -> bool,
    ) -> Option<civil::Date> {
        for _ in 0..MAX_WALK_DAYS {
            from = next_day(from)?;
            if open(from) {
                return Some(from);
            }
        }
        None
    }

    /// The promise for goods ready at `ready` (never earlier than `now`), shipped after
    /// `handling_days`, in transit `transit` carrier delivery days. `None` when no promise can
    /// be given: a calendar without a working day, or times at the ends of the calendar.
    pub fn promise(
        &self,
        ready: OffsetDateTime,
        now: OffsetDateTime,
        transit: (u32, u32),
        delivery_days: &[Weekday],
    ) -> Option<Promise> {
        let ready = ready.max(now);
        let delivery_days = day_flags(delivery_days);
        // The first shipping day whose cutoff is not yet past when the goods are ready.
        let mut day = self.local_date(ready)?;
        let mut cutoff = None;
        for _ in 0..MAX_WALK_DAYS {
            if self.ships_on(day) {
                let at = self.at(day, self.cutoff)?;
                if ready <= at {
                    cutoff = Some(at);
                    break;
                }
            }
            day = next_day(day)?;
        }
        let cutoff = cutoff?;
        let ship_day = self.advance(day, self.handling_days, |d| self.ships_on(d))?;
        let delivers = |d| self.delivers_on(d, &delivery_days);
        // Transit counts delivery days after the shipping day; zero means same-day delivery.
        let first = self.advance(ship_day, transit.0, delivers)?;
        let last = self.advance(ship_day, transit.1.max(transit.0), delivers)?;
        let today = self.local_date(now)?;
        let days_from_today = |d: civil::Date| (d - today).get_days();
        Some(Promise {
            cutoff,
            ship_time: self.at(ship_day, self.cutoff)?,
            earliest: self.at(first, civil::Time::midnight())?,
            latest: self.at(last, civil::Time::new(23, 59, 59, 0).ok()?)?,
            earliest_days: days_from_today(first),
            latest_days: days_from_today(last),
        })
    }
}
