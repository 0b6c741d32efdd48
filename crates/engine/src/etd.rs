//! Delivery promises: the next warehouse cutoff in the warehouse's own time zone, handling and
//! transit counted in working days (weekends and holidays skipped), and the resulting window.

use std::collections::HashSet;

use jiff::civil;
use jiff::tz::TimeZone;
use time::OffsetDateTime;

use domain::config::{parse_date, parse_hh_mm, WarehouseConfig, Weekday};

/// A warehouse's calendar: where it is in time and which days it works.
#[derive(Debug, Clone)]
pub struct WarehouseCalendar {
    tz: TimeZone,
    cutoff_minutes: u16,
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

fn day_flags(days: &[Weekday]) -> [bool; 7] {
    let mut flags = [false; 7];
    for d in days {
        flags[d.index() as usize] = true;
    }
    flags
}

fn weekday_index(d: civil::Date) -> usize {
    d.weekday().to_monday_zero_offset() as usize
}

fn to_civil(d: time::Date) -> civil::Date {
    civil::date(d.year() as i16, u8::from(d.month()) as i8, d.day() as i8)
}

fn timestamp(t: OffsetDateTime) -> jiff::Timestamp {
    jiff::Timestamp::from_nanosecond(t.unix_timestamp_nanos())
        .expect("times handled here are within jiff's range")
}

/// The instant with the warehouse's UTC offset at that instant: surfaces that show local
/// times (a promise "by midnight" is midnight where the warehouse is) keep it, others show UTC.
fn offset_date_time(z: &jiff::ZonedDateTime) -> OffsetDateTime {
    let utc = OffsetDateTime::from_unix_timestamp_nanos(z.timestamp().as_nanosecond())
        .expect("jiff times are within time's range");
    match time::UtcOffset::from_whole_seconds(z.offset().seconds()) {
        Ok(offset) => utc.to_offset(offset),
        Err(_) => utc,
    }
}

fn next_day(d: civil::Date) -> civil::Date {
    d.tomorrow()
        .expect("dates here are far from the end of the calendar")
}

impl WarehouseCalendar {
    /// # Errors
    /// A message naming the field when the zone, cutoff or a holiday cannot be read.
    pub fn new(w: &WarehouseConfig) -> Result<Self, String> {
        let tz = TimeZone::get(&w.time_zone)
            .map_err(|_| format!("time_zone: `{}` is not an IANA time-zone name", w.time_zone))?;
        let cutoff_minutes =
            parse_hh_mm(&w.cutoff).ok_or_else(|| format!("cutoff: `{}` is not HH:MM", w.cutoff))?;
        let holidays = w
            .holidays
            .iter()
            .map(|h| {
                parse_date(h)
                    .map(to_civil)
                    .ok_or_else(|| format!("holidays: `{h}`"))
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            tz,
            cutoff_minutes,
            handling_days: w.handling_days,
            working: day_flags(&w.working_days),
            holidays,
        })
    }

    fn local_date(&self, t: OffsetDateTime) -> civil::Date {
        timestamp(t).to_zoned_datetime(self.tz.clone()).date()
    }

    /// The instant of a local wall-clock time; in a spring-forward gap the later valid time, in
    /// an autumn overlap the earlier one.
    fn at(&self, d: civil::Date, minutes: u16, second: i8) -> OffsetDateTime {
        let dt = d.to_datetime(civil::time(
            (minutes / 60) as i8,
            (minutes % 60) as i8,
            second,
            0,
        ));
        let zoned = self
            .tz
            .to_ambiguous_zoned_datetime(dt)
            .compatible()
            .expect("every local time resolves in a valid zone");
        offset_date_time(&zoned)
    }

    fn ships_on(&self, d: civil::Date) -> bool {
        self.working[weekday_index(d)] && !self.holidays.contains(&d)
    }

    fn delivers_on(&self, d: civil::Date, delivery_days: &[bool; 7]) -> bool {
        delivery_days[weekday_index(d)] && !self.holidays.contains(&d)
    }

    /// `days` further days on which `open` holds, after `from`.
    fn advance(
        &self,
        mut from: civil::Date,
        days: u32,
        open: impl Fn(civil::Date) -> bool,
    ) -> civil::Date {
        for _ in 0..days {
            from = next_day(from);
            while !open(from) {
                from = next_day(from);
            }
        }
        from
    }

    /// The promise for goods ready at `ready` (never earlier than `now`), shipped after
    /// `handling_days`, in transit `transit` carrier delivery days.
    pub fn promise(
        &self,
        ready: OffsetDateTime,
        now: OffsetDateTime,
        transit: (u32, u32),
        delivery_days: &[Weekday],
    ) -> Promise {
        let ready = ready.max(now);
        let delivery_days = day_flags(delivery_days);
        // The first shipping day whose cutoff is not yet past when the goods are ready.
        let mut day = self.local_date(ready);
        let cutoff = loop {
            if self.ships_on(day) {
                let cutoff = self.at(day, self.cutoff_minutes, 0);
                if ready <= cutoff {
                    break cutoff;
                }
            }
            day = next_day(day);
        };
        let ship_day = self.advance(day, self.handling_days, |d| self.ships_on(d));
        let delivers = |d| self.delivers_on(d, &delivery_days);
        // Transit counts delivery days after the shipping day; zero means same-day delivery.
        let first = self.advance(ship_day, transit.0, delivers);
        let last = self.advance(ship_day, transit.1.max(transit.0), delivers);
        let today = self.local_date(now);
        let days_from_today = |d: civil::Date| (d - today).get_days();
        Promise {
            cutoff,
            ship_time: self.at(ship_day, self.cutoff_minutes, 0),
            earliest: self.at(first, 0, 0),
            latest: self.at(last, 23 * 60 + 59, 59),
            earliest_days: days_from_today(first),
            latest_days: days_from_today(last),
        }
    }
}
