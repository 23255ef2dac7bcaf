import Foundation
import MileQuestCore

/// A goal's report as one self-contained HTML page: the progress numbers, the map, the team
/// standings, the milestone timeline, the members' leaderboard and the charts.
///
/// Everything is inline (CSS and SVG); the page makes no request and needs no script, so it
/// can be mailed, put on a wall screen or printed. The layout is one column on a phone, two on
/// a wide screen, and prints in black on white without cutting a picture in two. All text
/// from the database is escaped, and names are wrapped in `<bdi>` so a right-to-left name does
/// not reorder the text around it.
public struct HTMLReport: Sendable {
  public var progress: GoalProgress
  /// The goal's route; nil for a plain distance goal (no map then).
  public var route: Route?
  /// The members counted for the goal, ranked (`leaderboard(goal:)`); nil to leave out.
  public var members: Leaderboard?
  /// Each member's counted distance per day (`memberSeries(goal:)`), for the weekly chart.
  public var memberSeries: [ChartSeries]
  public var unit: DistanceUnit
  public var today: LocalDate

  /// Width of the pictures' coordinate system in the page (they scale to the column).
  static let pictureWidth = 640.0

  public init(
    progress: GoalProgress, route: Route?, members: Leaderboard?, memberSeries: [ChartSeries],
    unit: DistanceUnit, today: LocalDate
  ) {
    self.progress = progress
    self.route = route
    self.members = members
    self.memberSeries = memberSeries
    self.unit = unit
    self.today = today
  }

  /// The map the report embeds; nil for a plain distance goal.
  public func map() throws -> RouteMap? {
    guard let route else { return nil }
    return try RouteMap(
      route: route, progress: progress,
      options: RouteMap.Options(
        unit: unit, graticule: true, width: Self.pictureWidth, showTitle: false))
  }

  /// The whole page.
  public func render() throws -> String {
    let goal = progress.goal
    var html = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="generator" content="milequest">
      <title>\(e(goal.name)) — milequest report</title>
      <style>\(Self.css)</style>
      </head>
      <body>
      <main>

      """
    html += header()
    html += numbers()
    if let map = try map() {
      html += section(
        "map", title: "Where we are",
        body: "<figure class=\"figure\">\(map.svg(standalone: false))</figure>")
    }
    if progress.markers.count > 1 { html += standings() }
    html += timeline()
    if let members { html += memberTable(members) }
    html += charts()
    html += """
      <footer>Made by milequest on \(today) · distances in \(unit.name) · \
      positions on a sphere of radius 6,371.0088 km</footer>
      </main>
      </body>
      </html>

      """
    return html
  }

  // MARK: Parts

  private func header() -> String {
    let goal = progress.goal
    var facts = [progress.routeName.map { "Route: <bdi>\(e($0))</bdi>" } ?? "Distance goal"]
    facts.append(goal.mode == .race && progress.markers.count > 1 ? "Race" : "Together")
    facts.append("\(goal.start) → \(goal.end?.description ?? "open end")")
    if !goal.activities.isStandard {
      // Which activities count, when it is not the default (issue 17).
      facts.append("Counts: \(e(goal.activities.summary))")
    }
    facts.append(
      "<span class=\"status \(progress.status.rawValue)\">\(progress.status.rawValue)</span>")
    return """
      <header>
      <h1><bdi>\(e(goal.name))</bdi></h1>
      <p class="facts">\(facts.joined(separator: " · "))</p>
      </header>

      """
  }

  private func numbers() -> String {
    let leader = progress.leader
    var cards: [(String, String, String?)] = [
      (
        "Done", PictureFormat.percent(leader.percent),
        progress.markers.count > 1 ? "leader: \(leader.name)" : nil
      ),
      (
        "Walked", PictureFormat.distance(leader.doneMetres, unit),
        "of " + PictureFormat.distance(progress.targetMetres, unit)
      ),
      (
        "To go", PictureFormat.distance(progress.remainingMetres, unit),
        progress.nextMilestone.map { next in
          "next: \(next.name) in " + PictureFormat.distance(progress.toNextMetres ?? 0, unit)
        }
      ),
      (
        "Day", "\(progress.daysElapsed)",
        progress.daysLeft.map { "\(Plural.count($0, "day")) left" }
      ),
      (
        "Pace", PictureFormat.distance(progress.paceMetresPerDay, unit) + "/day",
        "last 14 days"
      ),
    ]
    if let needed = progress.neededMetresPerDay {
      cards.append(
        (
          "Needed", PictureFormat.distance(needed, unit) + "/day",
          "to finish by \(progress.goal.end?.description ?? "")"
        ))
    }
    if let completed = progress.completedOn {
      cards.append(("Completed", completed.description, nil))
    } else if let projected = progress.projectedOn {
      cards.append(("Arriving", projected.description, "at the recent pace"))
    } else {
      cards.append(("Arriving", "—", "no recent walks"))
    }
    let items = cards.map { label, value, note in
      "<div class=\"card\"><div class=\"label\">\(e(label))</div>"
        + "<div class=\"value\">\(e(value))</div>"
        + (note.map { "<div class=\"note\">\(e($0))</div>" } ?? "") + "</div>"
    }.joined(separator: "\n")
    let width = FixedDecimal.string(max(0, min(100, leader.percent)), places: 2)
    return """
      <section id="numbers" aria-label="Progress">
      <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" \
      aria-valuenow="\(width)"><span style="width: \(width)%"></span></div>
      <div class="cards">
      \(items)
      </div>
      </section>

      """
  }

  private func standings() -> String {
    let rows = progress.markers.enumerated().map { index, marker in
      """
      <tr><td class="num">\(index + 1)</td>\
      <td><span class="swatch" style="background: \(Palette.colour(index))"></span>\
      <span class="letter">\(Palette.letter(index))</span> <bdi>\(e(marker.name))</bdi></td>\
      <td class="num">\(e(PictureFormat.distance(marker.doneMetres, unit)))</td>\
      <td class="num">\(e(PictureFormat.percent(marker.percent)))</td>\
      <td>\(marker.arrivedOn?.description ?? "")</td></tr>
      """
    }.joined(separator: "\n")
    return section(
      "teams", title: "Teams",
      body: """
        <table>
        <thead><tr><th class="num">#</th><th>Team</th><th class="num">Walked</th>\
        <th class="num">Done</th><th>Arrived</th></tr></thead>
        <tbody>
        \(rows)
        </tbody>
        </table>
        """)
  }

  private func timeline() -> String {
    let leader = progress.leader
    let items = leader.milestones.indices.map { index -> String in
      let milestone = leader.milestones[index].milestone
      // Reached on the first day any team got there.
      let reached = progress.markers.compactMap {
        $0.milestones.indices.contains(index) ? $0.milestones[index].reachedOn : nil
      }.min()
      // In a race, which teams got there and when, by their letters and colours.
      let by: [String] =
        progress.markers.count > 1
        ? progress.markers.enumerated().compactMap { rank, marker in
          guard marker.milestones.indices.contains(index),
            let date = marker.milestones[index].reachedOn
          else { return nil }
          return "<span class=\"chip\" title=\"\(e(marker.name))\">"
            + "<span class=\"swatch\" style=\"background: \(Palette.colour(rank))\"></span>"
            + "<span class=\"letter\">\(Palette.letter(rank))</span> \(date)</span>"
        }
        : []
      var text = "<li class=\"\(reached == nil ? "ahead" : "reached")\">"
      text += "<span class=\"when\">\(reached?.description ?? "ahead")</span>"
      text += "<span class=\"what\"><b><bdi>\(e(milestone.name))</bdi></b> "
      text += "<span class=\"at\">at \(e(PictureFormat.distance(milestone.atMetres, unit)))</span>"
      if !by.isEmpty { text += "<span class=\"by\">" + by.joined(separator: " ") + "</span>" }
      text += "</span></li>"
      return text
    }.joined(separator: "\n")
    return section(
      "milestones", title: "Milestones",
      body: "<ol class=\"timeline\">\n\(items)\n</ol>")
  }

  private func memberTable(_ board: Leaderboard) -> String {
    let rows = board.entries.map { entry in
      """
      <tr\(entry.walks == 0 ? " class=\"idle\"" : "")><td class="num">\(entry.rank)</td>\
      <td><bdi>\(e(entry.name))</bdi></td>\
      <td class="num">\(e(PictureFormat.distance(entry.totalMetres, unit)))</td>\
      <td class="num">\(entry.walks)</td></tr>
      """
    }.joined(separator: "\n")
    let body =
      board.entries.isEmpty
      ? "<p class=\"empty\">No members yet.</p>"
      : """
      <table>
      <thead><tr><th class="num">#</th><th>Member</th><th class="num">Walked</th>\
      <th class="num">Walks</th></tr></thead>
      <tbody>
      \(rows)
      </tbody>
      </table>
      """
    return section("members", title: "Members", body: body)
  }

  private func charts() -> String {
    let goal = progress.goal
    let cumulative = ProgressChart.goal(
      progress, today: today,
      options: .init(
        unit: unit, width: Self.pictureWidth, plotHeight: 280,
        title: progress.markers.count > 1 ? "Distance per team" : "Distance so far",
        idPrefix: "chart-progress", showTitle: false))
    let last = max(min(today, goal.end ?? today), goal.start)
    let weekly = WeeklyChart(
      series: memberSeries, from: goal.start, to: last,
      options: .init(
        unit: unit, width: Self.pictureWidth, plotHeight: 240, title: "Weekly distance per member",
        idPrefix: "chart-weekly", showTitle: false))
    let since = "since \(goal.start)" + (goal.end.map { ", ends \($0)" } ?? "")
    return section(
      "charts", title: "Charts",
      body: """
        <div class="chart-grid">
        <figure class="figure"><figcaption><b>\(e(cumulative.options.title))</b> · \
        cumulative \(since)</figcaption>\(cumulative.svg(standalone: false))</figure>
        <figure class="figure"><figcaption><b>Weekly distance per member</b> · ISO weeks, \
        Monday first</figcaption>\(weekly.svg(standalone: false))</figure>
        </div>
        """)
  }

  private func section(_ id: String, title: String, body: String) -> String {
    "<section id=\"\(id)\">\n<h2>\(e(title))</h2>\n\(body)\n</section>\n\n"
  }

  private func e(_ text: String) -> String { SVGDocument.escape(text) }

  // MARK: Style

  /// The page's style: fluid type, a grid that goes from one to two columns, and print rules.
  static let css = """

    :root { --ink: #222; --muted: #666; --line: #d9dee3; --paper: #f4f7fa; --accent: #0072B2; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: var(--ink); background: #fff;
      font: 400 clamp(15px, 0.55vw + 12px, 22px)/1.45 system-ui, -apple-system, "Segoe UI",
        Roboto, sans-serif; }
    main { max-width: 1800px; margin: 0 auto; padding: clamp(12px, 2.5vw, 40px);
      display: grid; gap: clamp(16px, 2vw, 32px); grid-template-columns: minmax(0, 1fr); }
    header h1 { margin: 0; font-size: clamp(24px, 2.2vw + 12px, 52px); line-height: 1.15;
      overflow-wrap: anywhere; }
    .facts { margin: .3em 0 0; color: var(--muted); }
    .status { font-weight: 700; text-transform: uppercase; font-size: .8em; letter-spacing: .04em;
      padding: .1em .5em; border-radius: 1em; background: var(--paper); color: var(--ink); }
    .status.completed { background: #009E73; color: #fff; }
    .status.cancelled { background: #D55E00; color: #fff; }
    h2 { margin: 0 0 .5em; font-size: 1.15em; }
    section { min-width: 0; }
    .progress { height: .9em; background: var(--paper); border: 1px solid var(--line);
      border-radius: .45em; overflow: hidden; margin-bottom: 1em; }
    .progress span { display: block; height: 100%; background: var(--ink);
      -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    .cards { display: grid; gap: .75em;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 10.5em), 1fr)); }
    .card { border: 1px solid var(--line); border-radius: .5em; padding: .6em .8em; }
    .card .label { color: var(--muted); font-size: .8em; text-transform: uppercase;
      letter-spacing: .04em; }
    .card .value { font-size: 1.35em; font-weight: 700; font-variant-numeric: tabular-nums;
      white-space: nowrap; }
    .card .note { color: var(--muted); font-size: .85em; overflow-wrap: anywhere; }
    .figure { margin: 0; }
    .figure svg { display: block; width: 100%; height: auto; }
    figcaption { color: var(--muted); font-size: .9em; margin-bottom: .3em; }
    figcaption b { color: var(--ink); }
    .chart-grid { display: grid; gap: 1.5em;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 540px), 1fr)); }
    table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
    th, td { text-align: left; padding: .35em .5em; border-bottom: 1px solid var(--line); }
    td { overflow-wrap: anywhere; }
    th { color: var(--muted); font-weight: 600; font-size: .85em; white-space: nowrap; }
    .num { text-align: right; white-space: nowrap; }
    tr.idle td { color: var(--muted); }
    .swatch { display: inline-block; width: .8em; height: .8em; border-radius: 50%;
      vertical-align: -.05em; border: 1px solid var(--ink); margin-right: .3em;
      -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    .letter { font-weight: 700; }
    .timeline { list-style: none; margin: 0; padding: 0; }
    .timeline li { display: grid; grid-template-columns: 6.5em 1fr; gap: .75em;
      padding: .3em 0 .3em 1.1em; border-left: 3px solid var(--ink); position: relative; }
    .timeline li.ahead { border-left: 3px dashed #8a8a8a; color: var(--muted); }
    .timeline li::before { content: ""; position: absolute; left: -.5em; top: .75em;
      width: .7em; height: .7em; border-radius: 50%; background: var(--ink);
      border: 2px solid #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    .timeline li.ahead::before { background: #fff; border-color: var(--ink); }
    .timeline .when { font-variant-numeric: tabular-nums; white-space: nowrap; }
    .timeline .at { color: var(--muted); }
    .timeline .by { display: flex; flex-wrap: wrap; gap: .2em .9em; font-size: .85em;
      color: var(--muted); }
    .chip { white-space: nowrap; }
    footer { color: var(--muted); font-size: .8em; border-top: 1px solid var(--line);
      padding-top: .75em; }
    @media (min-width: 1100px) {
      main { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); }
      header, #numbers, #charts, footer { grid-column: 1 / -1; }
      #map { grid-column: 1; grid-row: span 3; }
    }
    @media print {
      body { font-size: 10.5pt; }
      main { display: block; max-width: none; padding: 0; }
      section, header { margin-bottom: 14pt; }
      .figure { break-inside: avoid; page-break-inside: avoid; }
      .figure svg { max-height: 22cm; }
      .chart-grid { display: block; }
      .chart-grid .figure + .figure { margin-top: 14pt; }
      table, .cards, .timeline li { break-inside: avoid; page-break-inside: avoid; }
      h2 { break-after: avoid; page-break-after: avoid; }
      a { color: inherit; text-decoration: none; }
    }
    @page { margin: 14mm; }

    """
}
