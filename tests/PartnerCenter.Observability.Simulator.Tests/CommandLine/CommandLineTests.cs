using System.Text.RegularExpressions;
using PartnerCenter.Observability.Simulator.CommandLine;

namespace PartnerCenter.Observability.Simulator.Tests.CommandLine;

/// <summary>The standalone simulator's command line.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Reads_every_option()
    {
        Assert.True(SimulatorArguments.TryParse(
            ["--port", "5005", "--scenario", "mixed", "--seed", "-42", "--slow-body-delay", "1.5", "--timeout-delay", "30", "--no-override", "--verbose"],
            out var parsed,
            out var error), error);

        Assert.Equal(5005, parsed.Options.Port);
        Assert.Equal(PartnerCenterScenario.Mixed, parsed.Options.Scenario);
        Assert.Equal(-42, parsed.Options.Seed);
        Assert.Equal(TimeSpan.FromSeconds(1.5), parsed.Options.SlowBodyDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), parsed.Options.TimeoutDelay);
        Assert.False(parsed.Options.AllowOutcomeOverride);
        Assert.True(parsed.Verbose);
    }

    [Theory]
    [InlineData("throttle-storm", PartnerCenterScenario.ThrottleStorm)]
    [InlineData("ThrottleStorm", PartnerCenterScenario.ThrottleStorm)]
    [InlineData("eligibility-spike", PartnerCenterScenario.EligibilitySpike)]
    [InlineData("auth-failure", PartnerCenterScenario.AuthFailure)]
    [InlineData("QUOTA", PartnerCenterScenario.Quota)]
    public void Reads_scenario_names(string name, PartnerCenterScenario expected)
    {
        Assert.True(SimulatorArguments.TryParse(["--scenario", name], out var parsed, out _));
        Assert.Equal(expected, parsed.Options.Scenario);
    }

    [Theory]
    [InlineData("--port", "http")]
    [InlineData("--port", "70000")]
    [InlineData("--port", "-1")]
    [InlineData("--scenario", "sunny")]
    [InlineData("--seed", "x")]
    [InlineData("--slow-body-delay", "-3")]
    [InlineData("--timeout-delay", "forever")]
    [InlineData("--colour", "blue")]
    [InlineData("--port")]
    public async Task Bad_arguments_print_the_usage_and_exit_2(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await SimulatorCommand.RunAsync(args, stdout, stderr, null, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("Usage:", stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_0()
    {
        using var stdout = new StringWriter();

        Assert.Equal(0, await SimulatorCommand.RunAsync(["--help"], stdout, TextWriter.Null, null, CancellationToken.None));
        Assert.Contains("--scenario", stdout.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_lists_every_option_the_scenario_names_and_the_exit_codes(string help)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        Assert.Equal(0, await SimulatorCommand.RunAsync([help], stdout, stderr, null, CancellationToken.None));

        var text = stdout.ToString();
        Assert.Empty(stderr.ToString());
        Assert.Contains("Usage:", text, StringComparison.Ordinal);
        foreach (var option in new[] { "--port <n>", "--scenario <name>", "--seed <n>", "--slow-body-delay <s>", "--timeout-delay <s>", "--no-override", "--verbose" })
        {
            Assert.Contains(option, text, StringComparison.Ordinal);
        }

        Assert.Contains(string.Join(", ", PartnerCenterScenarioNames.Names), text, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 stopped", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error: invalid value 'sunny' for --scenario", "--scenario", "sunny")]
    [InlineData("error: invalid value '70000' for --port", "--port", "70000")]
    [InlineData("error: Unrecognized command or argument '--colour'.", "--colour")]
    public async Task A_bad_argument_is_named_on_the_first_line_of_stderr(string message, params string[] args)
    {
        using var stderr = new StringWriter();

        Assert.Equal(2, await SimulatorCommand.RunAsync(args, TextWriter.Null, stderr, null, CancellationToken.None));

        Assert.Equal(message, stderr.ToString().Split('\n')[0].TrimEnd('\r'));
    }

    [Fact]
    public async Task Runs_until_stopped_and_serves_requests_meanwhile()
    {
        using var stdout = new SynchronisedWriter();
        using var stop = new CancellationTokenSource();

        var run = SimulatorCommand.RunAsync(["--port", "0", "--scenario", "healthy", "--seed", "1"], stdout, TextWriter.Null, null, stop.Token);
        var address = await stdout.WaitForAsync(new Regex(@"http://127\.0\.0\.1:\d+/"));
        using (var client = new HttpClient { BaseAddress = new Uri(address) })
        {
            using var response = await client.GetAsync(new Uri("_simulator/scenario", UriKind.Relative));
            Assert.Contains("\"healthy\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await stop.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("Stopped after 0 requests.", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_exits_1()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync();
        using var stderr = new StringWriter();

        var exit = await SimulatorCommand.RunAsync(["--port", sim.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], TextWriter.Null, stderr, null, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("cannot listen", stderr.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A StringWriter that can be read while another task writes, and waited on.</summary>
    private sealed class SynchronisedWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public override void Write(char value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            lock (_gate)
            {
                base.WriteLine(value);
            }

            return Task.CompletedTask;
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return base.ToString();
            }
        }

        public async Task<string> WaitForAsync(Regex pattern)
        {
            for (var i = 0; i < 1_000; i++)
            {
                var match = pattern.Match(ToString());
                if (match.Success)
                {
                    return match.Value;
                }

                await Task.Delay(10);
            }

            throw new TimeoutException($"never printed {pattern}: {ToString()}");
        }
    }
}
